const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** 1980-01-01 00:00, the earliest DOS date: the same for every entry and every run. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/**
 * Sets every entry's modification time in a ZIP (an XLSX) to one fixed value, in place,
 * walking the central directory to each entry. The writer stamps entries with the
 * current time; a department's export of unchanged data should be the same bytes, so
 * the inbox recognises it as already ingested.
 */
export function withFixedZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error('not a ZIP file: no end of central directory');
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(offset, true) !== CENTRAL_HEADER) throw new Error(`not a ZIP file: no central header at ${offset}`);
    view.setUint16(offset + 12, DOS_TIME, true);
    view.setUint16(offset + 14, DOS_DATE, true);
    const local = view.getUint32(offset + 42, true);
    if (view.getUint32(local, true) === LOCAL_HEADER) {
      view.setUint16(local + 10, DOS_TIME, true);
      view.setUint16(local + 12, DOS_DATE, true);
    }
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return zip;
}
