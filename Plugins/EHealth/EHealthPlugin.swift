// The e-health record coverage plugin.
