import { describe, expect, it } from 'vitest';
import { sniffContentType } from './content-type.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('an attachment’s type, from its first bytes', () => {
  it('knows the kinds shown inline', () => {
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffContentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });

  it('calls text text, whatever its name says, and anything else a plain download', () => {
    expect(sniffContentType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBe(
      'text/plain; charset=utf-8',
    );
    expect(sniffContentType(new TextEncoder().encode('Grüße, 東京\n\tok'))).toBe('text/plain; charset=utf-8');
    // A sample cut in the middle of a character is still text.
    const cut = new TextEncoder().encode(`${'a'.repeat(511)}東`).subarray(0, 512);
    expect(sniffContentType(cut)).toBe('text/plain; charset=utf-8');
    expect(sniffContentType(bytes(0, 1, 2, 3))).toBe('application/octet-stream');
    expect(sniffContentType(bytes(0xc3, 0x28, 0x41))).toBe('application/octet-stream');
    expect(sniffContentType(bytes())).toBe('text/plain; charset=utf-8');
  });
});
