// Workspace files made in Node for the e2e tests: a zip (deflated with Node's zlib) holding the manifest,
// the documents, their chunks and vectors of the site's fixture embedding model (64 dimensions).
import { crc32, deflateRawSync } from 'node:zlib';

/** A zip file of these files, deflated. */
export function zip(files: Record<string, Buffer>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflated
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    header.copy(entry, 8, 6, 30); // flags, method, time, date, crc, sizes, name length
    entry.writeUInt32LE(offset, 42);
    local.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** One document of a workspace file: its text, its chunks as [index, start, end] and their vectors. */
export interface FileDocument {
  id: string;
  text: string;
  triples: Buffer;
  vectors: Buffer;
  chunkCount: number;
}

/** A workspace file of these documents, embedded by the site's fixture model (`dimension` floats a chunk). */
export function workspaceFileOf(documents: FileDocument[], dimension: number, createdAt = new Date(0)): Buffer {
  const files: Record<string, Buffer> = {};
  documents.forEach(({ text, triples, vectors }, n) => {
    files[`documents/${n}.txt`] = Buffer.from(text);
    files[`chunks/${n}.json`] = triples;
    files[`vectors/${n}.f32`] = vectors;
  });
  files['manifest.json'] = Buffer.from(
    JSON.stringify({
      schemaVersion: 1,
      app: 'openbook',
      createdAt: createdAt.toISOString(),
      embedding: { modelId: 'openbook/tiny-embedder', device: 'wasm', dimension },
      chunking: { kind: 'recursive', chunkSize: 500, overlap: 0 },
      documents: documents.map(({ id, text, chunkCount }, n) => ({
        id,
        name: `${id}.txt`,
        kind: 'text',
        sizeBytes: Buffer.byteLength(text),
        addedAt: n,
        textLength: text.length,
        chunkCount,
      })),
      chunkCount: documents.reduce((sum, d) => sum + d.chunkCount, 0),
    }),
  );
  return zip(files);
}

/**
 * A sound workspace file of `documents` small documents (river-0.txt …), each `chunksPerDocument` chunks
 * of the fixture model with unit vectors: a different workspace from any the tests build in the page.
 */
export function riverWorkspaceFile(documents: number, chunksPerDocument = 3): Buffer {
  const dimension = 64;
  return workspaceFileOf(
    Array.from({ length: documents }, (_, n) => {
      const parts = Array.from({ length: chunksPerDocument }, (_, j) => `River ${n} bend ${j} carries silt. `);
      const triples: [number, number, number][] = [];
      let start = 0;
      parts.forEach((part, j) => {
        triples.push([j, start, start + part.length]);
        start += part.length;
      });
      const vectors = new Float32Array(chunksPerDocument * dimension);
      for (let j = 0; j < chunksPerDocument; j++) vectors[j * dimension + ((n * 7 + j) % dimension)] = 1;
      return {
        id: `river-${n}`,
        text: parts.join(''),
        triples: Buffer.from(JSON.stringify(triples)),
        vectors: Buffer.from(vectors.buffer),
        chunkCount: chunksPerDocument,
      };
    }),
    dimension,
  );
}
