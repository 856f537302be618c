// The builders a script fills in before applying: data validation, conditional format rule, embedded chart.
import type { Counted } from './cells';
import type { SimChart, SimConditionalFormat, SimValidation } from './model';

export function createBuilders(counted: Counted, newId: () => string) {
  const validationBuilder = () => {
    const spec: Omit<SimValidation, 'a1'> = {
      criteria: 'VALUE_IN_LIST',
      args: [],
      allowInvalid: true,
      helpText: '',
    };
    let set = false;
    const builder: Record<string, unknown> = {
      requireValueInList: counted(
        'DataValidationBuilder.requireValueInList',
        (values: string[], dropdown = true) => {
          Object.assign(spec, { criteria: 'VALUE_IN_LIST', args: [[...values], dropdown] });
          set = true;
          return builder;
        },
      ),
      requireFormulaSatisfied: counted('DataValidationBuilder.requireFormulaSatisfied', (formula: string) => {
        Object.assign(spec, { criteria: 'CUSTOM_FORMULA', args: [formula] });
        set = true;
        return builder;
      }),
      requireNumberBetween: counted('DataValidationBuilder.requireNumberBetween', (a: number, b: number) => {
        Object.assign(spec, { criteria: 'NUMBER_BETWEEN', args: [a, b] });
        set = true;
        return builder;
      }),
      setAllowInvalid: counted('DataValidationBuilder.setAllowInvalid', (allow: boolean) => {
        spec.allowInvalid = Boolean(allow);
        return builder;
      }),
      setHelpText: counted('DataValidationBuilder.setHelpText', (text: string) => {
        spec.helpText = String(text);
        return builder;
      }),
      build: counted('DataValidationBuilder.build', () => {
        if (!set) throw new Error('Exception: You must specify a validation criteria.');
        return { spec: { ...spec, args: [...spec.args] } };
      }),
    };
    return builder;
  };

  const formatBuilder = () => {
    const spec: SimConditionalFormat = { ranges: [], format: {} };
    const style = (name: string, key: keyof SimConditionalFormat['format']) =>
      [
        name,
        counted(`ConditionalFormatRuleBuilder.${name}`, (v: unknown) => {
          (spec.format as Record<string, unknown>)[key] = v;
          return builder;
        }),
      ] as const;
    const builder: Record<string, unknown> = Object.fromEntries([
      style('setBold', 'bold'),
      style('setItalic', 'italic'),
      style('setStrikethrough', 'strikethrough'),
      style('setBackground', 'background'),
      style('setFontColor', 'fontColor'),
      [
        'whenTextEqualTo',
        counted('ConditionalFormatRuleBuilder.whenTextEqualTo', (text: string) => {
          spec.whenTextEqualTo = String(text);
          return builder;
        }),
      ],
      [
        'setRanges',
        counted('ConditionalFormatRuleBuilder.setRanges', (ranges: { getA1Notation(): string }[]) => {
          spec.ranges = ranges.map((r) => r.getA1Notation());
          return builder;
        }),
      ],
      [
        'build',
        counted('ConditionalFormatRuleBuilder.build', () => {
          if (!spec.ranges.length) throw new Error('Exception: A conditional format rule needs ranges.');
          return { spec: { ...spec, format: { ...spec.format } } };
        }),
      ],
    ]);
    return builder;
  };
  const chartBuilder = () => {
    const spec: SimChart = {
      id: `chart-${newId()}`,
      type: '',
      ranges: [],
      position: { row: 1, column: 1 },
      options: {},
    };
    const builder: Record<string, unknown> = {
      setChartType: counted('EmbeddedChartBuilder.setChartType', (t: string) => {
        spec.type = String(t);
        return builder;
      }),
      addRange: counted('EmbeddedChartBuilder.addRange', (range: { getA1Notation(): string }) => {
        spec.ranges.push(range.getA1Notation());
        return builder;
      }),
      setPosition: counted('EmbeddedChartBuilder.setPosition', (row: number, column: number) => {
        spec.position = { row, column };
        return builder;
      }),
      setOption: counted('EmbeddedChartBuilder.setOption', (k: string, v: unknown) => {
        spec.options[k] = v;
        return builder;
      }),
      build: counted('EmbeddedChartBuilder.build', () => {
        if (!spec.type) throw new Error('Exception: Chart type not set.');
        if (!spec.ranges.length) throw new Error('Exception: The chart has no data.');
        return { spec: { ...spec, ranges: [...spec.ranges], options: { ...spec.options } } };
      }),
    };
    return builder;
  };
  return { validationBuilder, formatBuilder, chartBuilder };
}
