// `npm start` (app/serve.ts) serves the production build to real shops, so it runs as production
// whatever NODE_ENV says (decision 014): the environment's checks refuse development secrets
// (env.server.ts), the log writes at info, Express and React run their production code. Set here,
// in the module app/serve.ts imports first, before any other module has read it.

/** NODE_ENV as the process was given it, for a warning when it said otherwise. */
export const givenNodeEnv = process.env.NODE_ENV;

process.env.NODE_ENV = "production";
