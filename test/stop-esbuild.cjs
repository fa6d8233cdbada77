// Every test file has its own module registry, so each one that packages starts its own esbuild
// service process; stopped here when the file is done, they do not pile up in a Jest worker (or
// keep it from exiting when the run ends).
afterAll(() => require('esbuild').stop());
