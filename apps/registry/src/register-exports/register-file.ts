import { StreamableFile } from '@nestjs/common';
import type { ExportFile } from './register.service';

/** An export as a download: its content type, length and file name. */
export function fileResponse(f: ExportFile): StreamableFile {
  return new StreamableFile(f.body, {
    type: f.contentType,
    disposition: `attachment; filename="${f.filename}"`,
    length: f.body.length,
  });
}
