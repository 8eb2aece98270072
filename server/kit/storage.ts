import { z } from 'zod/mini';
import { fileIdSchema } from '../../domain/common';
import { sdk } from './cloud';

const uploadAnswerSchema = z.object({ fileID: fileIdSchema });

/** Puts a file into the environment's cloud storage; answers its fileID (`cloud://env.bucket/path`). */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  const answer: unknown = await sdk().uploadFile({ cloudPath, fileContent: content });
  return uploadAnswerSchema.parse(answer).fileID;
}

const urlAnswerSchema = z.object({ fileList: z.tuple([z.object({ status: z.literal(0), tempFileURL: z.string() })]) });

/** A download link to one stored file that works for `seconds`: how people get a file the storage rules keep private. */
export async function temporaryUrl(fileId: string, seconds: number): Promise<string> {
  const answer: unknown = await sdk().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: seconds }] });
  return urlAnswerSchema.parse(answer).fileList[0].tempFileURL;
}
