//! The desktop session: which map is open, the recent maps and the last map (kept in
//! `settings.json` in the app data dir), and which map opens at start — the one named on the
//! command line, else the last one, else the demo map written to the app data dir.

use std::fs;
use std::path::{Path, PathBuf};

use advocate_core::{MapData, MapFile};
use serde::{Deserialize, Serialize};

/// How many maps Open Recent lists.
pub const RECENT_LIMIT: usize = 10;

/// What the app remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<String>,
    #[serde(default)]
    pub last: Option<String>,
}

/// The open map and what the app remembers.
pub struct Session {
    pub file: Option<MapFile>,
    pub data_dir: PathBuf,
    pub settings: Settings,
    /// A problem met while opening the first map, shown to the user once.
    pub notice: Option<String>,
}

/// The bundled demo map's contents.
pub type DemoSource = fn() -> MapData;

impl Session {
    /// Reads the settings and opens the first map: `argument` when given, else the last map,
    /// else the demo map (written to `data_dir/demo.advocate` the first time).
    pub fn start(data_dir: &Path, argument: Option<&str>, demo: DemoSource) -> Session {
        let settings_path = data_dir.join("settings.json");
        let settings: Settings = fs::read_to_string(&settings_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let mut session = Session {
            file: None,
            data_dir: data_dir.to_path_buf(),
            settings,
            notice: None,
        };
        if let Some(arg) = argument {
            match session.open(Path::new(arg)) {
                Ok(()) => return session,
                Err(e) => session.notice = Some(e),
            }
        } else if let Some(last) = session.settings.last.clone() {
            match session.open(Path::new(&last)) {
                Ok(()) => return session,
                Err(e) => session.notice = Some(format!("The last map could not be opened: {e}")),
            }
        }
        if let Err(e) = session.open_demo(demo) {
            let before = session.notice.take();
            session.notice = Some(match before {
                Some(b) => format!("{b}\n{e}"),
                None => e,
            });
        }
        session
    }

    /// Opens (creating it first if need be) the demo map in the app data dir.
    pub fn open_demo(&mut self, demo: DemoSource) -> Result<(), String> {
        let path = self.data_dir.join("demo.advocate");
        if !path.exists() {
            fs::create_dir_all(&self.data_dir)
                .map_err(|e| format!("{}: {e}", self.data_dir.display()))?;
            MapFile::create_from(&path, &demo()).map_err(|e| e.to_string())?;
        }
        self.open(&path)
    }

    /// Opens a map file and remembers it as the last and most recent map.
    pub fn open(&mut self, path: &Path) -> Result<(), String> {
        let file = MapFile::open(path).map_err(|e| e.to_string())?;
        self.switch_to(file);
        Ok(())
    }

    /// Creates a new, empty map and opens it.
    pub fn create(&mut self, path: &Path, name: &str) -> Result<(), String> {
        let file = MapFile::create(path, name).map_err(|e| e.to_string())?;
        self.switch_to(file);
        Ok(())
    }

    /// Notes the open map as the last and most recent one.
    pub fn switch_to(&mut self, file: MapFile) {
        let shown = absolute(file.path());
        self.settings.recent.retain(|p| p != &shown);
        self.settings.recent.insert(0, shown.clone());
        self.settings.recent.truncate(RECENT_LIMIT);
        self.settings.last = Some(shown);
        self.file = Some(file);
        self.save_settings();
    }

    /// The open map, or a message saying there is none.
    pub fn file(&self) -> Result<&MapFile, String> {
        self.file
            .as_ref()
            .ok_or_else(|| "no map is open: use New or Open".to_string())
    }

    pub fn file_mut(&mut self) -> Result<&mut MapFile, String> {
        self.file
            .as_mut()
            .ok_or_else(|| "no map is open: use New or Open".to_string())
    }

    /// Writes the settings; a failure only loses the recent list, so it is not an error.
    pub fn save_settings(&self) {
        let _ = fs::create_dir_all(&self.data_dir);
        if let Ok(text) = serde_json::to_string_pretty(&self.settings) {
            let _ = fs::write(self.data_dir.join("settings.json"), text);
        }
    }
}

fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
