/**
 * Whether `value` is one of `keys`: narrows a string from the screen (a sorted column, a chosen
 * option) to the values an operation's query takes (the route table's enums), without a cast.
 */
export const isOneOf = <S extends string>(keys: readonly S[], value: string): value is S =>
  (keys as readonly string[]).includes(value);
