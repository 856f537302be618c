// PropertiesService: the Script Properties store, with Google's size limits.
import type { Counted } from './calls';

/** developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB / val". */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
/** developers.google.com/apps-script/guides/services/quotas: "Properties total storage 500 KB / property store". */
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function createPropertiesService(counted: Counted, initial: Record<string, string> = {}) {
  // developers.google.com/apps-script/reference/properties/properties: values are strings, getProperty
  // returns null for a missing key, setters return the Properties object for chaining. Assumed: the 9 KB
  // and 500 KB limits are measured in UTF-8 bytes (key + value for the store) and exceeding them throws
  // before anything is written, with the messages below.
  const store = new Map<string, string>(Object.entries(initial));
  const storeBytes = (except?: string) => {
    let n = 0;
    for (const [k, v] of store) if (k !== except) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  };
  const checkedSet = (key: string, value: string) => {
    if (utf8Bytes(value) > MAX_PROPERTY_VALUE_BYTES) throw new Error('Exception: Argument too large: value');
    if (storeBytes(key) + utf8Bytes(key) + utf8Bytes(value) > MAX_PROPERTY_STORE_BYTES) {
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    store.set(key, value);
  };
  const scriptProperties: Record<string, unknown> = {
    getProperty: counted('Properties.getProperty', (key: string) => store.get(String(key)) ?? null),
    setProperty: counted('Properties.setProperty', (key: string, value: string) => {
      checkedSet(String(key), String(value));
      return scriptProperties;
    }),
    setProperties: counted(
      'Properties.setProperties',
      (props: Record<string, string>, deleteAllOthers = false) => {
        if (deleteAllOthers) store.clear();
        for (const [k, v] of Object.entries(props)) checkedSet(k, String(v));
        return scriptProperties;
      },
    ),
    deleteProperty: counted('Properties.deleteProperty', (key: string) => {
      store.delete(String(key));
      return scriptProperties;
    }),
    deleteAllProperties: counted('Properties.deleteAllProperties', () => {
      store.clear();
      return scriptProperties;
    }),
    getProperties: counted('Properties.getProperties', () => Object.fromEntries(store)),
    getKeys: counted('Properties.getKeys', () => [...store.keys()]),
  };
  const PropertiesService = {
    getScriptProperties: counted('PropertiesService.getScriptProperties', () => scriptProperties),
  };
  return { PropertiesService, store };
}
