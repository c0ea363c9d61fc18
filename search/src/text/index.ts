// The one text layer: how every part of the product reads a question's words and compares texts.
export * from './vectors.ts';
export * from './words.ts';
