"""The `tutor` command line: thin commands over the services in the other packages."""
