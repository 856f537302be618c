// PropertyStore over PropertiesService script properties (shared by every user of the script).
// developers.google.com/apps-script/reference/properties/properties
import type { PropertyStore } from '../ports';

export function scriptProperties(): PropertyStore {
  const props = PropertiesService.getScriptProperties();
  return {
    get: (key) => props.getProperty(key),
    set: (key, value) => {
      props.setProperty(key, value);
    },
    delete: (key) => {
      props.deleteProperty(key);
    },
    keys: () => props.getKeys(),
    getAll: () => props.getProperties(),
  };
}
