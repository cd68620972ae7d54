"""Pure scoring functions shared by the eval scripts and `tutor eval`."""
