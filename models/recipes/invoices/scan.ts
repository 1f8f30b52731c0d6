// A PDF page made to look scanned, for OCR tests and training: rendered at 150–200 dpi, grey, turned by up to
// a degree (cropped back to the page so the truth's relative boxes stay close), a little noise and blur,
// saved as a JPEG of quality about 70. Seeded, so one seed gives the same image.
import sharp from 'sharp';
import { renderPdfPage } from '../../../main/documents/render-pdf-page.ts';
import { createRandom } from './random.ts';

export async function scanPage(pdf: Uint8Array, pageNumber: number, seed: number): Promise<Uint8Array> {
  const rng = createRandom(seed).fork(`scan ${pageNumber}`);
  const rendered = await renderPdfPage({ bytes: pdf, pageNumber, dpi: rng.int(150, 200) });
  const { width, height } = rendered.image;
  const angle = (rng.next() * 2 - 1) * 1;

  const turned = await sharp(rendered.png)
    .flatten({ background: '#ffffff' })
    .grayscale()
    .rotate(angle, { background: '#ffffff' })
    .removeAlpha()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });

  // Back to the page's size around the centre, with paper tone, sensor noise and a few specks.
  const left = Math.max(0, Math.floor((turned.info.width - width) / 2));
  const top = Math.max(0, Math.floor((turned.info.height - height) / 2));
  const out = Buffer.alloc(width * height);
  const tone = rng.int(232, 248) / 255;
  const noise = rng.int(6, 16);
  for (let y = 0; y < height; y++) {
    const row = (y + top) * turned.info.width + left;
    for (let x = 0; x < width; x++) {
      const source = turned.data[row + x] ?? 255;
      let value = source * tone + (rng.next() - 0.5) * 2 * noise;
      if (rng.next() < 0.00015) value = rng.int(0, 90);
      out[y * width + x] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
    }
  }
  const jpeg = await sharp(out, { raw: { width, height, channels: 1 } })
    .blur(0.3 + rng.next() * 0.5)
    .toColourspace('b-w')
    .jpeg({ quality: rng.int(65, 75) })
    .toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}
