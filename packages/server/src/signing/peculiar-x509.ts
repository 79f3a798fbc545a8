/**
 * @peculiar/x509 with the reflect-metadata polyfill it needs loaded first: imported on demand by
 * the development CA, so a start that finds its certificates does not load it (docs/operations.md).
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
