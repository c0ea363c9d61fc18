// What the web app may import: the API's schemas and the types inferred from them.
export * from './schemas/index.ts';
