import yauzl from 'yauzl';

/** Bounds on what a DOCX may expand to before any parser opens it. */
export interface ZipLimits {
  /** All entries together, inflated. */
  maxTotalBytes: number;
  maxEntries: number;
  /** An entry past minRatioBytes whose inflated size is more than this many times its compressed size is a bomb. */
  maxRatio: number;
  minRatioBytes: number;
}

export const defaultZipLimits: ZipLimits = { maxTotalBytes: 50 * 1024 * 1024, maxEntries: 2_000, maxRatio: 100, minRatioBytes: 1024 * 1024 };

export type ZipCheck = 'ok' | 'too-large' | 'corrupt';

class TooLarge extends Error {}

/**
 * Reads the archive as a DOCX parser would (its central directory), refuses declared sizes past the
 * bounds, then inflates every entry, counting the bytes that actually come out and stopping at the
 * cap: a declared size is the attacker's word, and yauzl errors on an entry that inflates past it.
 * Nothing is kept: each chunk is counted and dropped.
 */
export async function checkZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): Promise<ZipCheck> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true });
  } catch {
    return 'corrupt';
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return 'too-large';
  }
  let declared = 0;
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (declared > limits.maxTotalBytes || (entry.uncompressedSize > limits.minRatioBytes && ratio > limits.maxRatio)) throw new TooLarge();
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxTotalBytes) {
          stream.destroy();
          throw new TooLarge();
        }
      }
    }
    return 'ok';
  } catch (err) {
    return err instanceof TooLarge ? 'too-large' : 'corrupt';
  } finally {
    if (zip.isOpen) zip.close();
  }
}
