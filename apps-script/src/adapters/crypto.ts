// HMAC-SHA256 and UUIDs over Utilities (Apps Script has no Web Crypto). Its HMAC bytes are signed (-128..127).
// developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String,Charset)
import { bytesToHex } from '../../../shared/platform/signing';
import type { HmacHex } from '../ports';

export const utilitiesUuid = (): string => Utilities.getUuid();

export const utilitiesHmac: HmacHex = (key, message) =>
  bytesToHex(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8));
