//! The password policy (OWASP ASVS 5.0 level 2): length 8 to 128 characters, not one of the
//! most common passwords, not the account's own address. No composition rules.

use crate::user::Email;

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// Why a new password was refused. Each variant has a stable code for clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 8 characters")]
    TooShort,
    #[error("the password must have at most 128 characters")]
    TooLong,
    #[error("that password is one of the most common ones; choose another")]
    Common,
    #[error("the password cannot be your email address")]
    SameAsEmail,
}

impl PasswordError {
    pub const fn code(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password_too_short",
            PasswordError::TooLong => "password_too_long",
            PasswordError::Common => "password_too_common",
            PasswordError::SameAsEmail => "password_is_email",
        }
    }
}

/// A password that passed the policy, ready to be hashed. Never printed.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

impl NewPassword {
    pub fn parse(raw: &str, email: &Email) -> Result<Self, PasswordError> {
        let length = raw.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        if raw.trim().to_lowercase() == email.as_str() {
            return Err(PasswordError::SameAsEmail);
        }
        if is_common(raw) {
            return Err(PasswordError::Common);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether the whole password is one entry (or a reversed or l33t-speak spelling of one) of
/// the 30,000 most common passwords bundled with `zxcvbn`.
fn is_common(password: &str) -> bool {
    use zxcvbn::matching::patterns::MatchPattern;
    let entropy = zxcvbn::zxcvbn(password, &[]);
    entropy.sequence().iter().any(|m| {
        // zxcvbn does not export the dictionary type's name, only its Debug form.
        m.i == 0
            && m.j + 1 >= password.chars().count()
            && matches!(&m.pattern, MatchPattern::Dictionary(d)
                if format!("{:?}", d.dictionary_name) == "Passwords")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> Email {
        Email::parse("ana@example.com").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn length_is_bounded() {
        assert_eq!(
            NewPassword::parse("short", &email()).err(),
            Some(PasswordError::TooShort)
        );
        let long = "a-b".repeat(43);
        assert_eq!(
            NewPassword::parse(&long, &email()).err(),
            Some(PasswordError::TooLong)
        );
        // Length counts characters, not bytes.
        assert!(NewPassword::parse("ñandú-güemes-río", &email()).is_ok());
    }

    #[test]
    fn the_most_common_passwords_are_refused() {
        for common in [
            "password",
            "password1",
            "12345678",
            "qwerty123",
            "iloveyou",
            "P@ssw0rd",
            "sunshine",
        ] {
            assert_eq!(
                NewPassword::parse(common, &email()).err(),
                Some(PasswordError::Common),
                "{common} should be refused"
            );
        }
    }

    #[test]
    fn the_email_is_not_a_password() {
        assert_eq!(
            NewPassword::parse("Ana@Example.com", &email()).err(),
            Some(PasswordError::SameAsEmail)
        );
    }

    #[test]
    fn an_ordinary_passphrase_is_accepted() {
        assert!(NewPassword::parse("cafe con leche a las siete", &email()).is_ok());
        assert!(NewPassword::parse("Tr4ining-5-minutes", &email()).is_ok());
    }
}
