// Keep test output readable: the product logs JSON at info level by default.
process.env.COCKPIT_LOG_LEVEL ??= 'silent';
