/**
 * The address ranges of an OIDC issuer a client in the data tier calls on the internet (Weaviate validating
 * tokens, Grafana signing administrators in): the generated layers admit HTTPS to these only, never the whole
 * internet. IPv4 only, as the data tier's route to the internet (NAT) is.
 */
import { z } from 'zod';
import { cidrV4 } from './formats.js';

/** The widest issuer range admitted: an issuer answers on its own ranges, never on a large part of the internet. */
export const MIN_ISSUER_PREFIX = 8;

export const issuerCidrsSchema = z.array(cidrV4).default([]);
