import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/ApiClient';
import { ApiError, NetworkError } from '../api/problem';
import type { AuthSession } from '../auth/AuthSession';
import { t } from '../i18n';

export interface Services {
  auth: AuthSession;
  api: ApiClient;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing');
  return services;
}

/** A short text for an error thrown by the API client. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError) return t('error.network');
  return error instanceof Error ? error.message : String(error);
}
