/**
 * The write a counter already counted (the counter moves first, then the document is written or
 * removed): its answer, and when it throws, whether it happened all the same. A thrown write may
 * have reached the database (only its reply was lost), so `happened` looks (the document read by its
 * id) before the counter is taken back (`undo`): when it happened, the call answers as if the write
 * had answered (true); when it did not, the counter goes back and the error is passed on. When that
 * look fails too, the counter stays as it is for the timer's recount, and the error is passed on.
 */
export async function countedWrite(write: () => Promise<boolean>, happened: () => Promise<boolean>, undo: () => Promise<void>): Promise<boolean> {
  try {
    return await write();
  } catch (error) {
    let done: boolean;
    try {
      done = await happened();
    } catch {
      throw error;
    }
    if (done) return true;
    await undo();
    throw error;
  }
}
