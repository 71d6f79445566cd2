/** NHS radios for one choice among several (a role, a demo clinician): the fieldset and legend stay with the caller. */
export function RadioChoices({
  idPrefix,
  name,
  options,
  chosen,
  onChoose,
}: {
  readonly idPrefix: string;
  readonly name: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly chosen: string | undefined;
  readonly onChoose: (value: string) => void;
}) {
  return (
    <div className="nhsuk-radios">
      {options.map((option) => (
        <div className="nhsuk-radios__item" key={option.value}>
          <input
            className="nhsuk-radios__input"
            id={`${idPrefix}-${option.value}`}
            name={name}
            type="radio"
            value={option.value}
            checked={chosen === option.value}
            onChange={() => onChoose(option.value)}
          />
          <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${idPrefix}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </div>
  );
}
