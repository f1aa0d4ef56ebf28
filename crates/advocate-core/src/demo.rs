//! The bundled demo map.
use crate::data::MapData;
pub fn demo() -> MapData {
    MapData::default()
}
