// In-memory fake of the parts of FormApp the bundle uses: the bound form, forms by id, new forms, their items,
// validation, settings and response destination, and the form editor's menu. Every method is counted.
//
// Assumptions about Google's behaviour, from the reference pages named:
// - developers.google.com/apps-script/reference/forms/form-app: getActiveForm() is null when the script is
//   not bound to a form; openById throws for an unknown or inaccessible id; create(title) makes a new,
//   empty form; getUi() throws outside a bound form; createTextValidation() and
//   createParagraphTextValidation() return builders.
// - .../forms/form: add<Type>Item() appends an item and returns it typed; getItems() lists items in order;
//   getItemById(id) takes the integer id and returns null when there is none; deleteItem(item) removes one;
//   setTitle/setDescription/setConfirmationMessage/setCollectEmail/setAllowResponseEdits chain.
//   setDestination(SPREADSHEET, id) links a spreadsheet and Forms adds a "Form Responses N" tab to it, as its
//   first tab (each call adds one); getDestinationId() throws while there is none (assumed message below).
// - .../forms/item: getType() is an ItemType; as<Type>Item() throws for an item of another type.
// - .../forms/text-validation-builder and .../paragraph-text-validation-builder: requireTextIsEmail,
//   requireNumber, requireTextLengthLessThanOrEqualTo, setHelpText, build; a text validation on a
//   paragraph item (or the reverse) is refused (assumed: throws).
// - Menus: developers.google.com/apps-script/reference/base/menu (addToUi shows it).

export interface SimForm {
  id: string;
  title: string;
  /** A form made in the Forms editor after the 2026 change starts unpublished; default published. */
  published?: boolean;
}

export type SimItemType =
  | 'TEXT'
  | 'PARAGRAPH_TEXT'
  | 'MULTIPLE_CHOICE'
  | 'CHECKBOX'
  | 'DATE'
  | 'PAGE_BREAK'
  | 'SECTION_HEADER';

export interface SimFormItem {
  id: number;
  type: SimItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices?: string[];
  validation?: { kind: 'text' | 'paragraph'; rule: string; args: unknown[]; helpText: string };
  includesYear?: boolean;
}

export interface SimFormSnapshot {
  id: string;
  title: string;
  description: string;
  confirmation: string;
  collectEmail: boolean;
  allowResponseEdits: boolean;
  destinationId: string | null;
  published: boolean;
  requireLogin: boolean;
  items: SimFormItem[];
}

export interface SimMenu {
  title: string;
  items: { caption: string; functionName: string }[];
}

type Counted = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A) => R;

class FormData implements SimFormSnapshot {
  description = '';
  confirmation = '';
  collectEmail = false;
  allowResponseEdits = false;
  destinationId: string | null = null;
  /** The "Form Responses N" tab Forms made in the destination. */
  destinationTab: string | null = null;
  published = true;
  requireLogin = false;
  items: SimFormItem[] = [];
  constructor(
    public id: string,
    public title: string,
  ) {}
}

export interface FormFake {
  FormApp: Record<string, unknown>;
  forms(): SimFormSnapshot[];
  has(id: string): boolean;
  /** Where this form's responses go (the linked tab), with what a response row holds; null for none. */
  destination(
    id: string,
  ): { spreadsheetId: string; tab: string; collectEmail: boolean; titles: string[] } | null;
}

const ADDERS: Record<string, SimItemType> = {
  addTextItem: 'TEXT',
  addParagraphTextItem: 'PARAGRAPH_TEXT',
  addMultipleChoiceItem: 'MULTIPLE_CHOICE',
  addCheckboxItem: 'CHECKBOX',
  addDateItem: 'DATE',
  addPageBreakItem: 'PAGE_BREAK',
  addSectionHeaderItem: 'SECTION_HEADER',
};

const CASTS: Record<string, SimItemType> = {
  asTextItem: 'TEXT',
  asParagraphTextItem: 'PARAGRAPH_TEXT',
  asMultipleChoiceItem: 'MULTIPLE_CHOICE',
  asCheckboxItem: 'CHECKBOX',
  asDateItem: 'DATE',
  asPageBreakItem: 'PAGE_BREAK',
  asSectionHeaderItem: 'SECTION_HEADER',
};

export function createFormFake(
  counted: Counted,
  options: {
    active: SimForm | null;
    others: SimForm[];
    alerts: { title: string; message: string }[];
    menus: SimMenu[];
    newId: () => string;
    /** Forms adds a responses tab to the destination spreadsheet (its name); null when there is no such spreadsheet. */
    linkSpreadsheet: (spreadsheetId: string) => string | null;
  },
): FormFake {
  const forms = new Map<string, FormData>();
  for (const f of [...(options.active ? [options.active] : []), ...options.others])
    forms.set(f.id, Object.assign(new FormData(f.id, f.title), { published: f.published !== false }));
  let nextItemId = 1_000_001;

  const itemObject = (item: SimFormItem): Record<string, unknown> => {
    const self: Record<string, unknown> = {
      getId: counted('Item.getId', () => item.id),
      getType: counted('Item.getType', () => item.type),
      getTitle: counted('Item.getTitle', () => item.title),
      getHelpText: counted('Item.getHelpText', () => item.helpText),
      setTitle: counted('Item.setTitle', (t: string) => {
        item.title = String(t);
        return self;
      }),
      setHelpText: counted('Item.setHelpText', (t: string) => {
        item.helpText = String(t);
        return self;
      }),
      setRequired: counted('Item.setRequired', (r: boolean) => {
        item.required = Boolean(r);
        return self;
      }),
      isRequired: counted('Item.isRequired', () => item.required),
      setChoiceValues: counted('Item.setChoiceValues', (values: string[]) => {
        if (item.type !== 'MULTIPLE_CHOICE' && item.type !== 'CHECKBOX')
          throw new Error(`Exception: Item ${item.id} has no choices.`);
        item.choices = values.map(String);
        return self;
      }),
      setValidation: counted('Item.setValidation', (v: { spec: SimFormItem['validation'] }) => {
        const wanted = item.type === 'TEXT' ? 'text' : item.type === 'PARAGRAPH_TEXT' ? 'paragraph' : null;
        if (!wanted || v.spec?.kind !== wanted)
          throw new Error(`Exception: Invalid validation for item ${item.id} of type ${item.type}.`);
        item.validation = v.spec;
        return self;
      }),
      clearValidation: counted('Item.clearValidation', () => {
        delete item.validation;
        return self;
      }),
      // developers.google.com/apps-script/reference/forms/text-item#createResponse(String)
      createResponse: counted('TextItem.createResponse', (value: string) => {
        if (item.type !== 'TEXT') throw new Error(`Exception: Item ${item.id} is not of type TEXT.`);
        return { itemId: item.id, value: String(value) };
      }),
      setIncludesYear: counted('Item.setIncludesYear', (y: boolean) => {
        item.includesYear = Boolean(y);
        return self;
      }),
    };
    for (const [cast, type] of Object.entries(CASTS)) {
      self[cast] = counted(`Item.${cast}`, () => {
        if (item.type !== type) throw new Error(`Exception: Item ${item.id} is not of type ${type}.`);
        return self;
      });
    }
    return self;
  };

  const formObject = (f: FormData): Record<string, unknown> => {
    const self: Record<string, unknown> = {
      getId: counted('Form.getId', () => f.id),
      getTitle: counted('Form.getTitle', () => f.title),
      getEditUrl: counted('Form.getEditUrl', () => `https://docs.google.com/forms/d/${f.id}/edit`),
      getItems: counted('Form.getItems', () => f.items.map(itemObject)),
      getItemById: counted('Form.getItemById', (id: number) => {
        const item = f.items.find((i) => i.id === Number(id));
        return item ? itemObject(item) : null;
      }),
      deleteItem: counted('Form.deleteItem', (item: number | { getId(): number }) => {
        const at = typeof item === 'number' ? item : f.items.findIndex((i) => i.id === item.getId());
        if (at < 0 || at >= f.items.length) throw new Error('Exception: Invalid argument: item');
        f.items.splice(at, 1);
      }),
      getDestinationId: counted('Form.getDestinationId', () => {
        if (!f.destinationId) throw new Error('Exception: The form currently has no response destination.');
        return f.destinationId;
      }),
      setDestination: counted('Form.setDestination', (type: string, id: string) => {
        if (type !== 'SPREADSHEET') throw new Error(`Exception: Invalid argument: type ${type}`);
        const tab = options.linkSpreadsheet(String(id));
        if (!tab) throw new Error(`Exception: No spreadsheet with id ${id}`);
        f.destinationId = String(id);
        f.destinationTab = tab;
        return self;
      }),
      removeDestination: counted('Form.removeDestination', () => {
        f.destinationId = null;
        f.destinationTab = null;
        return self;
      }),
      isPublished: counted('Form.isPublished', () => f.published),
      setPublished: counted('Form.setPublished', (v: boolean) => {
        f.published = Boolean(v);
        return self;
      }),
      requiresLogin: counted('Form.requiresLogin', () => f.requireLogin),
      getPublishedUrl: counted(
        'Form.getPublishedUrl',
        () => `https://docs.google.com/forms/d/e/${f.id}/viewform`,
      ),
      // developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl(). Assumption: the
      // real link names items by "entry.<entry id>", an id Apps Script does not expose; the fake uses the
      // item id. The product never parses the link, it only fills placeholder values into it.
      createResponse: counted('Form.createResponse', () => {
        const answers: [number, string][] = [];
        const response: Record<string, unknown> = {
          withItemResponse: counted(
            'FormResponse.withItemResponse',
            (r: { itemId: number; value: string }) => {
              answers.push([r.itemId, r.value]);
              return response;
            },
          ),
          toPrefilledUrl: counted(
            'FormResponse.toPrefilledUrl',
            () =>
              `https://docs.google.com/forms/d/e/${f.id}/viewform?usp=pp_url&${answers
                .map(([id, v]) => `entry.${id}=${encodeURIComponent(v)}`)
                .join('&')}`,
          ),
        };
        return response;
      }),
    };
    const setter = (name: string, apply: (v: unknown) => void) => {
      self[name] = counted(`Form.${name}`, (v: unknown) => {
        apply(v);
        return self;
      });
    };
    setter('setTitle', (v) => {
      f.title = String(v);
    });
    setter('setDescription', (v) => {
      f.description = String(v);
    });
    setter('setConfirmationMessage', (v) => {
      f.confirmation = String(v);
    });
    setter('setCollectEmail', (v) => {
      f.collectEmail = Boolean(v);
    });
    setter('setAllowResponseEdits', (v) => {
      f.allowResponseEdits = Boolean(v);
    });
    setter('setRequireLogin', (v) => {
      f.requireLogin = Boolean(v);
    });
    for (const [adder, type] of Object.entries(ADDERS)) {
      self[adder] = counted(`Form.${adder}`, () => {
        const item: SimFormItem = { id: nextItemId++, type, title: '', helpText: '', required: false };
        f.items.push(item);
        return itemObject(item);
      });
    }
    return self;
  };

  const validationBuilder = (kind: 'text' | 'paragraph') => {
    const spec: NonNullable<SimFormItem['validation']> = { kind, rule: '', args: [], helpText: '' };
    const builder: Record<string, unknown> = {};
    const rule = (name: string, allowed: boolean) => {
      if (!allowed) return;
      builder[name] = counted(
        `${kind === 'text' ? 'Text' : 'ParagraphText'}ValidationBuilder.${name}`,
        (...args: unknown[]) => {
          spec.rule = name;
          spec.args = args;
          return builder;
        },
      );
    };
    rule('requireTextIsEmail', kind === 'text');
    rule('requireNumber', kind === 'text');
    rule('requireTextLengthLessThanOrEqualTo', true);
    builder.setHelpText = counted('ValidationBuilder.setHelpText', (t: string) => {
      spec.helpText = String(t);
      return builder;
    });
    builder.build = counted('ValidationBuilder.build', () => {
      if (!spec.rule) throw new Error('Exception: The validation has no requirement.');
      return { spec: { ...spec, args: [...spec.args] } };
    });
    return builder;
  };

  const FormApp = {
    ItemType: Object.fromEntries(
      [
        'TEXT',
        'PARAGRAPH_TEXT',
        'MULTIPLE_CHOICE',
        'CHECKBOX',
        'DATE',
        'PAGE_BREAK',
        'SECTION_HEADER',
        'GRID',
        'SCALE',
      ].map((t) => [t, t]),
    ),
    DestinationType: { SPREADSHEET: 'SPREADSHEET' },
    getActiveForm: counted('FormApp.getActiveForm', () => {
      const f = options.active ? forms.get(options.active.id) : undefined;
      return f ? formObject(f) : null;
    }),
    openById: counted('FormApp.openById', (id: string) => {
      const f = forms.get(String(id));
      if (!f) {
        throw new Error(
          'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
        );
      }
      return formObject(f);
    }),
    create: counted('FormApp.create', (title: string) => {
      const f = new FormData(`sim-form-new-${options.newId()}`, String(title));
      // Forms created by a script or the API after 30 June 2026 start unpublished.
      f.published = false;
      forms.set(f.id, f);
      return formObject(f);
    }),
    createTextValidation: counted('FormApp.createTextValidation', () => validationBuilder('text')),
    createParagraphTextValidation: counted('FormApp.createParagraphTextValidation', () =>
      validationBuilder('paragraph'),
    ),
    getUi: counted('FormApp.getUi', () => {
      if (!options.active) throw new Error('Exception: Cannot call FormApp.getUi() from this context.');
      const ButtonSet = {
        OK: 'OK',
        OK_CANCEL: 'OK_CANCEL',
        YES_NO: 'YES_NO',
        YES_NO_CANCEL: 'YES_NO_CANCEL',
      };
      const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
      return {
        ButtonSet,
        Button,
        // developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet): a dialog in
        // the editor; it waits for the person and returns the button clicked (here always OK).
        alert: counted('Ui.alert', (first: string, second?: unknown, third?: unknown) => {
          const titled = typeof second === 'string';
          options.alerts.push({
            title: titled ? String(first) : '',
            message: titled ? String(second) : String(first),
          });
          void third;
          return Button.OK;
        }),
        createMenu: counted('Ui.createMenu', (title: string) => {
          const items: { caption: string; functionName: string }[] = [];
          const menu: Record<string, unknown> = {
            addItem: counted('Menu.addItem', (caption: string, functionName: string) => {
              items.push({ caption, functionName });
              return menu;
            }),
            addSeparator: counted('Menu.addSeparator', () => menu),
            addToUi: counted('Menu.addToUi', () => {
              options.menus.push({ title, items: [...items] });
            }),
          };
          return menu;
        }),
      };
    }),
  };

  return {
    FormApp,
    forms: () =>
      [...forms.values()].map((f) => ({
        id: f.id,
        title: f.title,
        description: f.description,
        confirmation: f.confirmation,
        collectEmail: f.collectEmail,
        allowResponseEdits: f.allowResponseEdits,
        destinationId: f.destinationId,
        published: f.published,
        requireLogin: f.requireLogin,
        items: f.items.map((i) => ({ ...i, ...(i.choices ? { choices: [...i.choices] } : {}) })),
      })),
    has: (id) => forms.has(id),
    destination(id) {
      const f = forms.get(id);
      if (!f?.destinationId || !f.destinationTab) return null;
      const questions = f.items.filter((i) => i.type !== 'PAGE_BREAK' && i.type !== 'SECTION_HEADER');
      return {
        spreadsheetId: f.destinationId,
        tab: f.destinationTab,
        collectEmail: f.collectEmail,
        titles: questions.map((i) => i.title),
      };
    },
  };
}
