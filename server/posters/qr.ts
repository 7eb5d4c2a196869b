// QR codes for posters (issue 13): one matrix made by the qrcode package from a
// text, drawn as SVG (inline on the poster page and as a file) and as PNG. Both
// drawings read the same matrix, so the page and the downloads cannot disagree.
// Pure: no express, no database.
import { crc32, deflateSync } from 'node:zlib';
import { create } from 'qrcode';

/** The quiet zone around the code, in modules: the 4 the QR standard asks for. */
export const QUIET_ZONE = 4;
/**
 * PNG pixels per module. A poster's code is 7.5 cm wide; at 300 dpi that is
 * some 900 px, which a version 3–4 code (29–33 modules plus the quiet zone) reaches at 25.
 */
const PNG_MODULE_PX = 25;

export interface QrCode {
  /** What the code says when scanned. */
  readonly text: string;
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** Whether the module at (row, column) is dark. */
  isDark(row: number, column: number): boolean;
}

/**
 * Level M (15 % of the code may be lost) survives a poster's creases, tape and
 * smudges, yet keeps the code small for a short link. The version is chosen by the library.
 */
export function makeQr(text: string): QrCode {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { text, size: modules.size, isDark: (row, column) => modules.get(row, column) === 1 };
}

const escapeAttribute = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The code as an SVG element: a white square with the quiet zone, then one path
 * of dark runs per row. Colours are presentation attributes, never `style`, so
 * the page needs no inline style under its CSP. `attributes` are added to the
 * <svg> tag (escaped): a role and name for the page, a size for the file.
 */
export function qrSvg(qr: QrCode, attributes: Readonly<Record<string, string>> = {}): string {
  const side = qr.size + 2 * QUIET_ZONE;
  const runs: string[] = [];
  for (let row = 0; row < qr.size; row++) {
    for (let column = 0; column < qr.size; ) {
      if (!qr.isDark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < qr.size && qr.isDark(row, column)) column++;
      runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h-${column - start}z`);
    }
  }
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"${extra}>` +
    `<rect width="${side}" height="${side}" fill="#ffffff"/><path fill="#000000" d="${runs.join('')}"/></svg>`
  );
}

/** A PNG chunk: length, type, data and the CRC of type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * The code as a black-and-white PNG (8-bit greyscale), quiet zone included. Written
 * here from the same matrix as the SVG, with node's zlib, rather than by asking
 * the library to encode the text a second time.
 */
export function qrPng(qr: QrCode, modulePx: number = PNG_MODULE_PX): Buffer {
  const side = (qr.size + 2 * QUIET_ZONE) * modulePx;
  // Each scanline: filter byte 0 (none), then one byte per pixel; white is 255.
  const raw = Buffer.alloc(side * (side + 1), 255);
  for (let y = 0; y < side; y++) {
    const line = y * (side + 1);
    raw[line] = 0;
    const row = Math.floor(y / modulePx) - QUIET_ZONE;
    if (row < 0 || row >= qr.size) continue;
    for (let x = 0; x < side; x++) {
      const column = Math.floor(x / modulePx) - QUIET_ZONE;
      if (column >= 0 && column < qr.size && qr.isDark(row, column)) raw[line + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // colour type: greyscale
  // Bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace.
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
