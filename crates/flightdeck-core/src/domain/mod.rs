//! The domain model: validated types ("parse, don't validate").
//!
//! A value of one of these types is valid by construction; raw input becomes one
//! only through a `parse` that says what was wrong.

mod brand;
mod campaign;
mod creator;
#[macro_use]
mod error;
mod ids;
mod metrics;
mod money;
mod platform;
mod post;
mod tracking;

pub use brand::*;
pub use campaign::*;
pub use creator::*;
pub use error::DomainError;
pub use ids::*;
pub use metrics::*;
pub use money::*;
pub use platform::*;
pub use post::*;
pub use tracking::*;

error::from_str_via_parse!(
    Country,
    Language,
    Platform,
    Tier,
    Handle,
    Name,
    Domain,
    WorkspaceName,
    Currency,
    Goal,
    PostFormat
);
