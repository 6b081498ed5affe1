// Writes ../plotly-scatter-bar-<version>.min.js (see README.md). Settings follow plotly.js's own
// esbuild-config.js, less the plugins that only its map and WebGL traces need.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const version = require('plotly.js/package.json').version;
const out = path.join(__dirname, '..', `plotly-scatter-bar-${version}.min.js`);
const banner = `/**
* plotly.js (scatter, bar - minified) v${version}
* built by assets/vendor/plotly-build (esbuild ${esbuild.version}) from the npm package
* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license
* (plotly-scatter-bar-${version}.LICENSE.txt; bundled libraries' notices at the end of this file)
*/`;

esbuild
    .build({
        entryPoints: [path.join(__dirname, 'entry.js')],
        outfile: out,
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'eof',
        banner: { js: banner },
        target: 'es2016',
        alias: { stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
        loader: { '.css': 'empty' }, // maplibre's stylesheet, required only for map traces
        logLevel: 'info',
    })
    .then(() => fs.copyFileSync(require.resolve('plotly.js/LICENSE'), out.replace('.min.js', '.LICENSE.txt')))
    .catch(() => process.exit(1));
