import { Database } from '../store/database';
import { Doc, StoreError, isDoc } from '../store/types';
import { decodeEJSON, decodeEJSONDoc, encodeEJSON } from './ejson';

/** One `database.*` action from the SDK's JSON body; returns what goes under `data` (or at top level). */
export type ActionResult = { data?: unknown; top?: Record<string, unknown> };

function str(body: Doc, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !value) throw new StoreError('INVALID_PARAM', `缺少参数 ${field}`);
  return value;
}

function optionalDoc(body: Doc, field: string): Doc | undefined {
  return body[field] === undefined || body[field] === '' ? undefined : decodeEJSONDoc(body[field], field);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export async function runDatabaseAction(db: Database, action: string, body: Doc): Promise<ActionResult> {
  const tx = body.transactionId;
  switch (action) {
    case 'database.getDocument': {
      const name = str(body, 'collectionName');
      const docs = db.find(
        name,
        optionalDoc(body, 'query') ?? {},
        {
          order: optionalDoc(body, 'order'),
          offset: num(body.offset),
          limit: num(body.limit),
          projection: optionalDoc(body, 'projection'),
        },
        tx,
      );
      return { data: { list: docs.map(encodeEJSON), limit: num(body.limit) ?? 100, offset: num(body.offset) ?? 0 } };
    }
    case 'database.calculateDocument':
      return { data: { total: db.count(str(body, 'collectionName'), optionalDoc(body, 'query') ?? {}, tx) } };
    case 'database.insertDocument': {
      const raw = Array.isArray(body.data) ? body.data : [body.data];
      const docs = raw.map((d, i) => decodeEJSONDoc(d, `data[${i}]`));
      if (docs.length === 0) throw new StoreError('INVALID_PARAM', '没有要插入的数据');
      return { data: { insertedIds: await db.insert(str(body, 'collectionName'), docs, tx) } };
    }
    case 'database.modifyDocument': {
      const result = await db.update(
        str(body, 'collectionName'),
        optionalDoc(body, 'query') ?? {},
        decodeEJSONDoc(body.data, 'data'),
        { multi: body.multi === true, merge: body.merge !== false, upsert: body.upsert === true },
        tx,
      );
      return { data: { updated: result.updated, upsert_id: result.upsertedId ?? null } };
    }
    case 'database.removeDocument':
      return { data: { deleted: await db.remove(str(body, 'collectionName'), optionalDoc(body, 'query') ?? {}, body.multi === true, tx) } };
    case 'database.aggregateDocuments': {
      if (!Array.isArray(body.stages)) throw new StoreError('INVALID_PARAM', '缺少参数 stages');
      const stages = body.stages.map((stage: unknown) => {
        if (!isDoc(stage) || typeof stage.stageKey !== 'string' || typeof stage.stageValue !== 'string') {
          throw new StoreError('INVALID_PARAM', '聚合阶段格式不正确');
        }
        return { [stage.stageKey]: decodeEJSON(stage.stageValue) };
      });
      return { data: { list: db.aggregate(str(body, 'collectionName'), stages).map(encodeEJSON) } };
    }
    case 'database.startTransaction':
      return { top: { transactionId: db.startTransaction() } };
    case 'database.commitTransaction':
      await db.commitTransaction(tx);
      return { data: {} };
    case 'database.abortTransaction':
      db.abortTransaction(tx);
      return { data: {} };
    case 'database.addCollection':
      await db.addCollection(str(body, 'collectionName'));
      return { data: {} };
    default:
      throw new StoreError('INVALID_PARAM', `不支持的操作：${action}`);
  }
}
