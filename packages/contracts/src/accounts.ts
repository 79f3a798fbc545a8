import { z } from 'zod';
import { accountKindSchema, languageSchema, roleScopeSchema, staffRoleSchema } from './enums.ts';
import { governorateSchema } from './governorates.ts';
import { singleLineText } from './text.ts';

/** Minimum password length (NIST SP 800-63B asks for at least 8; we ask 10). */
export const PASSWORD_MIN_LENGTH = 12;
/** New passwords: 64 characters and more allowed, beyond 128 refused (ASVS 2.1.2). */
export const PASSWORD_MAX_LENGTH = 128;

export const emailSchema = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());
/** E.164 phone number, e.g. +21620123456. */
export const phoneSchema = z.string().regex(/^\+[1-9]\d{6,14}$/);
/** Length and commonness are checked by the server so the error names the rule that failed. */
export const newPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
/** A person's name: clean text (docs/text-input.md), on one line. */
export const fullNameSchema = singleLineText(2, 120);
export const sixDigitCodeSchema = z.string().regex(/^\d{6}$/);

export const registerRequestSchema = z
  .strictObject({
    email: emailSchema,
    phone: phoneSchema.optional(),
    password: newPasswordSchema,
    fullName: fullNameSchema,
    governorate: governorateSchema.optional(),
    language: languageSchema,
  })
  .meta({ id: 'RegisterRequest' });

/** Said after register, resend and forgot-password alike, so no answer reveals an account. */
export const acceptedResponseSchema = z.strictObject({ status: z.literal('accepted') }).meta({ id: 'Accepted' });

export const emailOnlyRequestSchema = z.strictObject({ email: emailSchema }).meta({ id: 'EmailOnlyRequest' });

export const verifyEmailRequestSchema = z
  .strictObject({ email: emailSchema, code: sixDigitCodeSchema })
  .meta({ id: 'VerifyEmailRequest' });

export const verifiedResponseSchema = z.strictObject({ status: z.literal('verified') }).meta({ id: 'Verified' });

export const signInRequestSchema = z
  .strictObject({ email: emailSchema, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
  .meta({ id: 'SignInRequest' });

export const resetPasswordRequestSchema = z
  .strictObject({ email: emailSchema, code: sixDigitCodeSchema, newPassword: newPasswordSchema })
  .meta({ id: 'ResetPasswordRequest' });

export const totpCodeRequestSchema = z.strictObject({ code: sixDigitCodeSchema }).meta({ id: 'TotpCodeRequest' });

export const totpEnrolmentSchema = z
  .strictObject({
    /** Base32 secret, shown once so it can be typed into an authenticator app. */
    secret: z.string(),
    /** otpauth:// URI for a QR code. */
    otpauthUri: z.string(),
  })
  .meta({ id: 'TotpEnrolment' });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const roleAssignmentSchema = z
  .strictObject({
    id: z.uuid(),
    role: staffRoleSchema,
    unitId: z.uuid(),
    scope: roleScopeSchema,
  })
  .meta({ id: 'RoleAssignment' });
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

/**
 * A citizen's channels for news about their cases. E-mail is on by default; SMS needs a phone.
 * At least one channel stays on (the server refuses to turn off the last one).
 */
export const notificationPreferencesSchema = z
  .strictObject({ email: z.boolean(), sms: z.boolean() })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const currentUserSchema = z
  .strictObject({
    id: z.uuid(),
    kind: accountKindSchema,
    email: z.string(),
    emailVerified: z.boolean(),
    phone: z.string().nullable(),
    fullName: z.string(),
    governorate: governorateSchema.nullable(),
    language: languageSchema,
    roles: z.array(roleAssignmentSchema),
    secondFactorEnrolled: z.boolean(),
    notifications: notificationPreferencesSchema.optional(),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof currentUserSchema>;

/**
 * The state of the caller's session. `second_factor_pending` means the password was right but a
 * staff member must still enrol (`needsEnrolment`) or enter a TOTP code before anything else.
 */
export const sessionResponseSchema = z
  .strictObject({
    status: z.enum(['signed_in', 'second_factor_pending']),
    needsEnrolment: z.boolean(),
    csrfToken: z.string(),
    user: currentUserSchema,
  })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const updateProfileRequestSchema = z
  .strictObject({
    fullName: fullNameSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    governorate: governorateSchema.nullable().optional(),
    language: languageSchema.optional(),
    notifications: notificationPreferencesSchema.partial().optional(),
  })
  .meta({ id: 'UpdateProfileRequest' });

export const changePasswordRequestSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: newPasswordSchema })
  .meta({ id: 'ChangePasswordRequest' });

export const deleteAccountRequestSchema = z
  .strictObject({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
  .meta({ id: 'DeleteAccountRequest' });

/** One message of the development mailbox (only served when no SMTP server is configured). */
export const devMailboxMessageSchema = z
  .strictObject({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'DevMailboxMessage' });
export const devMailboxResponseSchema = z
  .strictObject({ messages: z.array(devMailboxMessageSchema) })
  .meta({ id: 'DevMailboxResponse' });
