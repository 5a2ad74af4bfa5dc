import { deflateSync } from "node:zlib";

// A chart has a handful of colours plus the anti-aliased edges between them. Stored as a 256-colour
// indexed PNG it is a third of the size of the renderer's RGBA PNG, which is what lets it fit into a
// Teams card (28 KB per message, the image inline as base64) with the figures beside it.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Opaque RGBA pixels as an indexed PNG. Each channel is rounded to a coarser step until at most 256
 * colours remain; the chart's own colours are far apart, so only the edges of text soften a little.
 */
export function indexedPng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  for (let step = 1; ; step *= 2) {
    const palette = new Map<number, number>();
    const indices = new Uint8Array((width + 1) * height);
    let full = false;
    for (let y = 0; y < height && !full; y++) {
      indices[y * (width + 1)] = 0; // filter type "none" for the row
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const q = (v: number) => Math.min(255, Math.round((rgba[i + v] as number) / step) * step);
        const colour = (q(0) << 16) | (q(1) << 8) | q(2);
        let index = palette.get(colour);
        if (index === undefined) {
          if (palette.size === 256) {
            full = true;
            break;
          }
          index = palette.size;
          palette.set(colour, index);
        }
        indices[y * (width + 1) + 1 + x] = index;
      }
    }
    if (full) continue;
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 3, 0, 0, 0], 8); // 8 bits per index, colour type 3 (palette)
    const plte = Buffer.alloc(palette.size * 3);
    for (const [colour, index] of palette)
      plte.set([colour >> 16, (colour >> 8) & 0xff, colour & 0xff], index * 3);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("PLTE", plte),
      chunk("IDAT", deflateSync(indices, { level: 9 })),
      chunk("IEND", new Uint8Array()),
    ]);
  }
}
