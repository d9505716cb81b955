//! Rules about the package's other files: readme, intro, icon, custom-code script, settings.

mod icon;
mod intro;
mod readme;
mod script;
mod settings_files;

use super::Rule;

pub static RULES: &[&Rule] = &[
    &readme::README_MISSING,
    &readme::README_SECTION_MISSING,
    &intro::INTRO_EMPTY,
    &icon::ICON_MISSING,
    &icon::ICON_NOT_ALLOWED,
    &icon::ICON_INVALID,
    &icon::ICON_DIMENSIONS_INVALID,
    &icon::ICON_SIZE_NOT_RECOMMENDED,
    &icon::ICON_BACKGROUND_INVALID,
    &icon::ICON_COLOR_MISMATCH,
    &script::SCRIPT_TOO_LARGE,
    &script::SCRIPT_CLASS_MISSING,
    &script::SCRIPT_NAMESPACE_NOT_ALLOWED,
    &settings_files::SETTINGS_FILE_NOT_FOUND,
];
