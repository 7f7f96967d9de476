import { deflateRawSync } from 'node:zlib';

/** CRC-32 (IEEE), as the ZIP format requires. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A minimal ZIP writer (deflate, no directories): enough for a Teams app package of three
 * files, without a zip binary or another dependency.
 */
export function maakZip(bestanden: readonly { naam: string; inhoud: Buffer }[]): Buffer {
  const lokaal: Buffer[] = [];
  const centraal: Buffer[] = [];
  let offset = 0;
  for (const { naam, inhoud } of bestanden) {
    const naamBuf = Buffer.from(naam, 'utf8');
    const gecomprimeerd = deflateRawSync(inhoud);
    const crc = crc32(inhoud);
    const kop = Buffer.alloc(30);
    kop.writeUInt32LE(0x04034b50, 0);
    kop.writeUInt16LE(20, 4);
    kop.writeUInt16LE(0x0800, 6); // UTF-8 names
    kop.writeUInt16LE(8, 8); // deflate
    kop.writeUInt32LE(0, 10); // time and date: fixed, so builds are reproducible
    kop.writeUInt32LE(crc, 14);
    kop.writeUInt32LE(gecomprimeerd.length, 18);
    kop.writeUInt32LE(inhoud.length, 22);
    kop.writeUInt16LE(naamBuf.length, 26);
    kop.writeUInt16LE(0, 28);
    lokaal.push(kop, naamBuf, gecomprimeerd);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(0, 12);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(gecomprimeerd.length, 20);
    c.writeUInt32LE(inhoud.length, 24);
    c.writeUInt16LE(naamBuf.length, 28);
    c.writeUInt32LE(offset, 42);
    centraal.push(c, naamBuf);
    offset += kop.length + naamBuf.length + gecomprimeerd.length;
  }
  const centraalBuf = Buffer.concat(centraal);
  const eind = Buffer.alloc(22);
  eind.writeUInt32LE(0x06054b50, 0);
  eind.writeUInt16LE(bestanden.length, 8);
  eind.writeUInt16LE(bestanden.length, 10);
  eind.writeUInt32LE(centraalBuf.length, 12);
  eind.writeUInt32LE(offset, 16);
  return Buffer.concat([...lokaal, centraalBuf, eind]);
}
