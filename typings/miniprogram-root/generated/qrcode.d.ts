// The types of miniprogram/generated/qrcode.js before the build has made it (see domain.d.ts beside this).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import qrcode = require('qrcode-generator');
export = qrcode;
