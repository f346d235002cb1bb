//! Images for lessons: trainers upload them, lesson files point at them, and every device
//! fetches them with long-lived caching (an upload never changes).

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use cinco_app::ErrorCode;
use cinco_persistence::media::{self, Media};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{ADMIN, TRAINER};
use crate::auth::{AuthUser, require};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The image types a lesson may show. SVG is left out on purpose: it can carry script.
const ACCEPTED: [(&str, imagesize::ImageType); 4] = [
    ("image/png", imagesize::ImageType::Png),
    ("image/jpeg", imagesize::ImageType::Jpeg),
    ("image/gif", imagesize::ImageType::Gif),
    ("image/webp", imagesize::ImageType::Webp),
];

/// Larger images are refused: they would only cost phones memory and data.
const MAX_SIDE: usize = 8_000;
const MAX_PIXELS: usize = 24_000_000;

/// The bytes of an image, as the request body.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImageBytes(#[expect(dead_code, reason = "it only describes the body")] Vec<u8>);

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaView {
    id: uuid::Uuid,
    /// Where the image is served; put it in a lesson's `:::image` block as `src:`.
    url: String,
    content_type: String,
    bytes: i64,
    file_name: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Media> for MediaView {
    fn from(m: &Media) -> Self {
        Self {
            id: m.id,
            url: format!("/api/v1/media/{}", m.id),
            content_type: m.content_type.clone(),
            bytes: m.bytes,
            file_name: m.file_name.clone(),
            created_at: m.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name, kept to help trainers recognise it.
    #[param(example = "empathy-checklist.png")]
    name: Option<String>,
}

/// Upload an image (PNG, JPEG, GIF or WebP, up to 2 MiB by default) as the raw request
/// body with its `Content-Type`.
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    params(UploadQuery),
    request_body(content = inline(ImageBytes), content_type = "image/*"),
    responses(
        (status = 201, description = "Stored", body = MediaView),
        (status = 413, description = "`payload_too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported_media_type`: not PNG, JPEG, GIF or WebP", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`not_an_image` (the bytes are not the declared type) or `empty_file`", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/media", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn upload(
    auth: AuthUser,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<UploadQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let (content_type, expected) = ACCEPTED
        .iter()
        .find(|(name, _)| *name == declared)
        .ok_or(ApiError::UnsupportedMediaType)?;

    let limit = state.settings.media_max_bytes;
    // Refused before reading when the size is declared.
    let declared_len = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared_len.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: ErrorCode::BadBody,
            detail: "the upload was interrupted".to_owned(),
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Err(ApiError::field("body", "empty_file", "the file is empty"));
    }
    // The declared type must match the bytes, and the header must parse to a real size.
    let actual = imagesize::image_type(&bytes).ok();
    let size = imagesize::blob_size(&bytes).ok();
    let sane = |s: &imagesize::ImageSize| {
        s.width > 0
            && s.height > 0
            && s.width <= MAX_SIDE
            && s.height <= MAX_SIDE
            && s.width.saturating_mul(s.height) <= MAX_PIXELS
    };
    if actual != Some(*expected) || !size.as_ref().is_some_and(sane) {
        return Err(ApiError::field(
            "body",
            "not_an_image",
            format!(
                "the file is not a valid {content_type} image of at most {MAX_SIDE}×{MAX_SIDE} pixels"
            ),
        ));
    }

    let sha256 = hex::encode(Sha256::digest(&bytes));
    let record = Media {
        id: uuid::Uuid::new_v4(),
        organisation_id: auth.org,
        content_type: (*content_type).to_owned(),
        bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        file_name: clean_name(query.name.as_deref()),
        created_by: auth.user_id,
        created_at: state.settings.clock.now(),
        sha256,
    };
    // Bytes first: a crash between the two leaves an unreferenced blob, never a record
    // pointing at nothing.
    state
        .blobs
        .put(&blob_name(&record), bytes)
        .await
        .map_err(ApiError::internal)?;
    media::insert(&state.db, &record).await?;
    Ok(HttpResponse::Created().json(MediaView::from(&record)))
}

fn blob_name(m: &Media) -> String {
    format!("{}/{}", m.organisation_id.as_uuid().simple(), m.sha256)
}

fn clean_name(name: Option<&str>) -> String {
    let name: String = name
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let name = name.trim();
    if name.is_empty() {
        "image".to_owned()
    } else {
        name.to_owned()
    }
}

/// The organisation's images, newest first (at most 200).
#[utoipa::path(
    tag = "lessons",
    security(("bearer" = ["admin", "trainer"])),
    responses((status = 200, description = "Images", body = Vec<MediaView>))
)]
#[get("/media", wrap = "from_fn(require::<{ ADMIN | TRAINER }>)")]
pub async fn list(auth: AuthUser, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let all = media::list(&state.db, auth.org, 200).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(MediaView::from).collect::<Vec<_>>()))
}

/// An image. `<img>` tags cannot send a token, so the unguessable id is the permission,
/// like a signed storage URL. Cached for a year: an upload never changes.
#[utoipa::path(
    tag = "lessons",
    params(("media_id" = uuid::Uuid, Path, description = "Image id")),
    responses(
        (status = 200, description = "The image", content_type = "image/*"),
        (status = 304, description = "Not modified (ETag)"),
        (status = 404, description = "No such image", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/media/{media_id}")]
pub async fn serve(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    let record = media::get_by_capability(&state.db, path.into_inner()).await?;
    let etag = format!("\"{}\"", record.sha256);
    let cache = "public, max-age=31536000, immutable";
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if unchanged {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, cache))
            .finish());
    }
    let bytes = state
        .blobs
        .get(&blob_name(&record))
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("media {} has no blob", record.id)))?;
    Ok(HttpResponse::Ok()
        .content_type(record.content_type.as_str())
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::CONTENT_DISPOSITION, "inline"))
        .body(bytes))
}
