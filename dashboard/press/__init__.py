"""The press kit: server-rendered snapshots, embeds, oEmbed, downloads and frame rules."""
