import { PersonalExport } from '../../../../domain/people';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { temporaryUrl, uploadFile } from '../../../../server/kit/storage';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { UserDoc, addUser, usable, userWith } from '../../../../server/repositories/users';
import { EXPORT_BOUND, PERSONAL_DATA_SOURCES } from '../personal-data/sources';

/** An answer of wx.cloud.callFunction must stay under 100 KB; past this the export goes to a file. */
const INLINE_LIMIT_BYTES = 90 * 1024;
/** Records of each kind shown in the answer when the whole export went to a file. */
const SHOWN_WITH_FILE = 5;
/** How long the export file's link works. */
const LINK_SECONDS = 10 * 60;

type Sections = PersonalExport['sections'];

/**
 * The caller reader of exportMine (index.ts): the person's user document and every kind of their
 * data (PERSONAL_DATA_SOURCES, each read bounded to EXPORT_BOUND + 1) in one aggregation that starts
 * from it, afresh; a first call adds the new user's insert. An account being erased is refused.
 */
export async function readEverything(openid: string, now: Date): Promise<{ user: UserDoc; reading: Sections }> {
  const parts = PERSONAL_DATA_SOURCES.map((source, i) => source.parts(openid, EXPORT_BOUND + 1).map((part, j) => ({ part, as: `s${i}p${j}` })));
  const lookups = parts.flat().flatMap(({ part, as }) => (part.lookup ? [part.lookup(as)] : []));
  const found = (await userWith(openid, lookups)) ?? (await addUser(openid, now).then(() => userWith(openid, lookups)));
  if (!found) throw new Error('a user just created could not be read');
  const user = usable(found.user);
  const sections = PERSONAL_DATA_SOURCES.map((source, i) => {
    const items = parts[i].flatMap(({ part, as }) => part.items(found.found[as] ?? [], user));
    return { key: source.key, title: source.title, count: Math.min(items.length, EXPORT_BOUND), truncated: items.length > EXPORT_BOUND, items: items.slice(0, EXPORT_BOUND) };
  });
  return { user, reading: sections };
}

/**
 * Everything the product holds about the caller (PIPL art. 45, the right to access and copy), one
 * section a kind of data, each read bounded (EXPORT_BOUND records; `truncated` says when there are
 * more), all read in one request with the caller (readEverything). Small exports come back whole;
 * large ones, or when asked (`file: true`), are written to a private JSON file in cloud storage
 * with a link valid 10 minutes, and the answer shows the first few records of each kind. Every
 * export is audited.
 */
export async function exportMine(input: { file?: boolean }, ctx: RequestContext): Promise<PersonalExport> {
  const sections = ctx.reading as Sections;
  const whole: PersonalExport = { generatedAt: ctx.now.toISOString(), bound: EXPORT_BOUND, sections, file: null };
  const json = JSON.stringify(whole, null, 2);
  const toFile = input.file === true || Buffer.byteLength(json, 'utf8') > INLINE_LIMIT_BYTES;
  await recordAudit({ actor: ctx.openid, action: 'exportMine', target: ctx.openid, detail: { file: toFile }, at: ctx.now });
  if (!toFile) return whole;
  // A random name: the path must not carry the openid, and nobody may guess it.
  const fileID = await uploadFile(`exports/${newId(ctx.now)}.json`, Buffer.from(json, 'utf8'));
  const url = await temporaryUrl(fileID, LINK_SECONDS);
  return {
    ...whole,
    sections: sections.map((s) => ({ ...s, items: s.items.slice(0, SHOWN_WITH_FILE) })),
    file: { fileID, url, expiresAt: new Date(ctx.now.getTime() + LINK_SECONDS * 1000).toISOString() },
  };
}
