// A single-page app: the API serves the built files, nothing is rendered on a server.
export const ssr = false;
export const prerender = false;
