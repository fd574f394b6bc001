import { Language, languageFromLcid, localeFromLcid } from "./localization";

/** What a form handler needs to know about the user: language, formatting locale, time zone, connectivity. */
export interface UserEnvironment {
  language: Language;
  locale: string;
  timeZoneOffsetMinutes: number;
  isOffline: boolean;
}

export function readUserEnvironment(context: Xrm.GlobalContext): UserEnvironment {
  const settings = context.userSettings;
  return {
    language: languageFromLcid(settings.languageId),
    locale: localeFromLcid(settings.languageId),
    timeZoneOffsetMinutes: settings.getTimeZoneOffsetMinutes(),
    isOffline: context.client.getClientState() === "Offline",
  };
}

export type NotificationLevel = "INFO" | "WARNING" | "ERROR";

export interface FormNotification {
  level: NotificationLevel;
  message: string;
}

/**
 * Replaces the form notification with this id. setFormNotification keeps the first message for an
 * existing id in some clients, so we clear first: the user sees exactly one current notice.
 */
export function showNotification(formContext: Xrm.FormContext, id: string, notification: FormNotification): void {
  formContext.ui.clearFormNotification(id);
  formContext.ui.setFormNotification(notification.message, notification.level, id);
}
