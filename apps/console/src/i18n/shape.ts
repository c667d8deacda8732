/** The same keys as a French bundle, with any strings: the type of its English twin. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
