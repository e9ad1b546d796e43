"""The command line's faces that render (slides): above render/, beside pages/. The domain's own
commands (the results table, calibrate) need no renderer and stay in costmodel."""
