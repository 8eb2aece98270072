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

const deleteAnswerSchema = z.object({ fileList: z.array(z.object({ fileID: z.string(), status: z.number() })) });

/** Deletes stored files; answers the fileIDs that are gone (deleted now, or already missing). */
export async function deleteFiles(fileIds: string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const answer = deleteAnswerSchema.parse(await sdk().deleteFile({ fileList: fileIds }));
  // A file already gone is as good as deleted: a run that died after deleting it is finished here.
  return answer.fileList.filter((f) => f.status === 0 || f.status === -503003).map((f) => f.fileID);
}
