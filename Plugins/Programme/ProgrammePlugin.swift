// The programme plugin: commands over the domain core.
