//! Access tokens: HS256 JWTs that live 15 minutes. Verification pins the algorithm and
//! checks expiry, audience, issuer and the token type.

use chrono::Utc;
use cinco_app::account::KnownDevice;
use cinco_domain::auth::ACCESS_TOKEN_LIFETIME;
use cinco_domain::user::Roles;
use cinco_domain::{OrganisationId, SessionId, UserId};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "cinco";
pub const AUDIENCE: &str = "cinco-api";
const ACCESS: &str = "access";
const DEVICE: &str = "device";
/// The audience of device tokens: never accepted as access tokens, nor the other way round.
pub const DEVICE_AUDIENCE: &str = "cinco-device";
/// How long a device stays known after its last sign-in.
pub const DEVICE_LIFETIME_DAYS: i64 = 365;

/// What a device cookie says: this browser signed in as `sub` before.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DeviceClaims {
    iss: String,
    aud: String,
    sub: uuid::Uuid,
    iat: i64,
    exp: i64,
    /// The device's id, its throttle key.
    jti: uuid::Uuid,
    typ: String,
}

/// What an access token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The user's public id.
    pub sub: uuid::Uuid,
    pub org: uuid::Uuid,
    /// The session the token was issued for; checked on every request.
    pub sid: uuid::Uuid,
    pub roles: Vec<String>,
    pub iat: i64,
    pub exp: i64,
    pub jti: uuid::Uuid,
    /// Always `access`.
    pub typ: String,
}

/// Signing and verification keys.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    device_validation: Validation,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(<redacted>)")
    }
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Expired,
    Invalid,
}

impl JwtKeys {
    pub fn new(secret: &SecretString) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let mut device_validation = validation.clone();
        device_validation.set_audience(&[DEVICE_AUDIENCE]);
        Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            device_validation,
        }
    }

    /// Issues an access token; returns it with its lifetime in seconds.
    pub fn issue(
        &self,
        user: UserId,
        org: OrganisationId,
        session: SessionId,
        roles: &Roles,
    ) -> anyhow::Result<(String, i64)> {
        let now = Utc::now().timestamp();
        let lifetime = ACCESS_TOKEN_LIFETIME.num_seconds();
        let claims = Claims {
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            sub: user.as_uuid(),
            org: org.as_uuid(),
            sid: session.as_uuid(),
            roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
            iat: now,
            exp: now + lifetime,
            jti: uuid::Uuid::new_v4(),
            typ: ACCESS.to_owned(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, lifetime))
    }

    /// Verifies signature, algorithm, expiry, audience, issuer and type.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?;
        if data.claims.typ != ACCESS {
            return Err(TokenError::Invalid);
        }
        Ok(data.claims)
    }

    /// A device token for `user`: `device` keeps its id across sign-ins, else a new one.
    pub fn issue_device(&self, device: KnownDevice) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = DeviceClaims {
            iss: ISSUER.to_owned(),
            aud: DEVICE_AUDIENCE.to_owned(),
            sub: device.user.as_uuid(),
            iat: now,
            exp: now + DEVICE_LIFETIME_DAYS * 24 * 3600,
            jti: device.id,
            typ: DEVICE.to_owned(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The device a device token names, if it is genuine and current.
    pub fn verify_device(&self, token: &str) -> Option<KnownDevice> {
        let data =
            jsonwebtoken::decode::<DeviceClaims>(token, &self.decoding, &self.device_validation)
                .ok()?;
        (data.claims.typ == DEVICE).then(|| KnownDevice {
            user: UserId::from_uuid(data.claims.sub),
            id: data.claims.jti,
        })
    }
}
