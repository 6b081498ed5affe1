'use strict';
// plotly.js's src/core.js, registering only what the atlas's charts draw (dashboard/charts.py, the
// compare and segregation views): scatter and bar traces; annotations and shapes (reference lines and
// their labels), legend, hover (fx), colour scales, the grid and the (hidden) modebar that hover needs.
// Left out: pie, updatemenus, sliders, range slider/selector, images, error bars, 3-D annotations, and
// the Promise polyfill (every browser the app supports has Promise).
exports.version = require('plotly.js/src/version').version;
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = (exports.register = Registry.register);

var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

register(require('plotly.js/src/traces/scatter'));
register(require('plotly.js/src/traces/bar'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'), // after shapes: its defaults depend on them
    require('plotly.js/src/components/fx'), // after legend: unified hover depends on it
    require('plotly.js/src/components/modebar'),
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);

// the rest of core.js's public surface (dcc.Graph calls Plots.resize)
var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');
exports.Icons = require('plotly.js/src/fonts/ploticon');
exports.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };
exports.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');
