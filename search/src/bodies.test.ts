import { describe, expect, it } from 'vitest';
import { documentBodies } from './sync.ts';

const parse = (body: string) => body.split('\n').map((line) => JSON.parse(line) as unknown);

describe('documentBodies', () => {
  const documents = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, text: 'é'.repeat(20) }));
  // Each line holds 40 bytes of text (é is two) and some 25 of JSON around it.
  const lineBytes = Buffer.byteLength(JSON.stringify(documents[0])) + 1;

  it('keeps every document, in order, in bodies under the size by bytes', () => {
    const bodies = documentBodies(documents, lineBytes * 3);
    expect(bodies).toHaveLength(4);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(lineBytes * 3);
    expect(bodies.flatMap(parse)).toEqual(documents);
  });

  it('sends a document larger than the size alone, and nothing for no documents', () => {
    const large = { id: 'large', text: 'x'.repeat(500) };
    const bodies = documentBodies([documents[0]!, large, documents[1]!], 100);
    expect(bodies.map(parse)).toEqual([[documents[0]], [large], [documents[1]]]);
    expect(documentBodies([], 100)).toEqual([]);
  });
});
