//! [`Map`]: a whole map in memory, its records and the graph over them, with the indexes that
//! find a person by key or name without a scan.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

use super::{
    BUILTIN_KINDS, Department, DepartmentId, Engagement, EngagementId, Goal, Group, Link, Node,
    Person, PersonId, Stance, Tie, TieId, TieKind,
};

/// Row ids and keys are the map's own data, not an attacker's: a fast hash (FxHash, from
/// rustc-hash) instead of SipHash, whose cost shows when a large map is opened.
type IdMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// People found by one of their texts (the key, or the name) without keeping a copy of it: the
/// table holds person ids placed by the hash of the text, and a lookup compares the text by
/// reading the person. On a map of 100 000 people this saves the memory and the time of 200 000
/// copied strings.
#[derive(Debug, Clone, Default)]
struct TextIndex {
    table: hashbrown::HashTable<PersonId>,
}

/// Which text of a person a [`TextIndex`] indexes.
type PersonText = fn(&Person) -> &str;

fn key_text(p: &Person) -> &str {
    &p.key
}

fn name_text(p: &Person) -> &str {
    &p.name
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(text)
}

impl TextIndex {
    fn with_capacity(capacity: usize) -> TextIndex {
        TextIndex {
            table: hashbrown::HashTable::with_capacity(capacity),
        }
    }

    /// Indexes `person` under its text; `people` are the others, read when the table grows.
    fn insert(&mut self, people: &BTreeMap<PersonId, Person>, person: &Person, text: PersonText) {
        let hash = text_hash(text(person));
        if self.table.find(hash, |id| *id == person.id).is_none() {
            self.table.insert_unique(hash, person.id, |id| {
                people.get(id).map_or(0, |p| text_hash(text(p)))
            });
        }
    }

    /// Forgets `id`, indexed under `value`.
    fn remove(&mut self, value: &str, id: PersonId) {
        if let Ok(entry) = self.table.find_entry(text_hash(value), |x| *x == id) {
            entry.remove();
        }
    }

    /// The people whose text is exactly `value`.
    fn find<'a, 'v>(
        &'a self,
        people: &'a BTreeMap<PersonId, Person>,
        value: &'v str,
        text: PersonText,
    ) -> impl Iterator<Item = &'a Person> + use<'a, 'v> {
        self.table
            .iter_hash(text_hash(value))
            .filter_map(|id| people.get(id))
            .filter(move |p| text(p) == value)
    }
}

/// The people's nodes by row id, handed from [`Map::set_people`] to [`Map::set_ties`] so the
/// ties find their ends without a hash lookup when row ids are dense.
pub struct PeopleNodes {
    by_row: Vec<Option<NodeIndex>>,
}

impl PeopleNodes {
    fn node(
        &self,
        graph: &mut StableDiGraph<Node, Link>,
        node_index: &mut IdMap<Node, NodeIndex>,
        id: PersonId,
    ) -> NodeIndex {
        if let Some(i) = usize::try_from(id.0)
            .ok()
            .and_then(|i| self.by_row.get(i).copied().flatten())
        {
            return i;
        }
        let node = Node::Person(id);
        *node_index
            .entry(node)
            .or_insert_with(|| graph.add_node(node))
    }
}

/// A whole map in memory.
#[derive(Debug, Default, Clone)]
pub struct Map {
    pub name: String,
    pub home: Group,
    pub goal: Goal,
    pub kinds: Vec<TieKind>,
    people: BTreeMap<PersonId, Person>,
    departments: BTreeMap<DepartmentId, Department>,
    ties: BTreeMap<TieId, Tie>,
    engagements: BTreeMap<EngagementId, Engagement>,
    /// Targets, actions and dismissed suggestions ([`crate::campaign`]).
    pub campaign: crate::campaign::Campaign,
    /// The saved views, in sequence order ([`crate::views`]).
    pub views: Vec<crate::views::SavedView>,
    graph: StableDiGraph<Node, Link>,
    node_index: IdMap<Node, NodeIndex>,
    tie_index: IdMap<TieId, EdgeIndex>,
    key_index: TextIndex,
    name_index: TextIndex,
}

impl Map {
    pub fn new(name: impl Into<String>) -> Map {
        Map {
            name: name.into(),
            kinds: BUILTIN_KINDS
                .iter()
                .map(|(n, s)| TieKind {
                    name: (*n).to_string(),
                    default_strength: *s,
                })
                .collect(),
            ..Map::default()
        }
    }

    // ---- reading ----

    pub fn people(&self) -> impl ExactSizeIterator<Item = &Person> + Clone {
        self.people.values()
    }
    pub fn departments(&self) -> impl ExactSizeIterator<Item = &Department> + Clone {
        self.departments.values()
    }
    pub fn ties(&self) -> impl ExactSizeIterator<Item = &Tie> + Clone {
        self.ties.values()
    }
    pub fn engagements(&self) -> impl ExactSizeIterator<Item = &Engagement> + Clone {
        self.engagements.values()
    }
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.get(&id)
    }
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.get(&id)
    }
    pub fn tie(&self, id: TieId) -> Option<&Tie> {
        self.ties.get(&id)
    }
    pub fn engagement(&self, id: EngagementId) -> Option<&Engagement> {
        self.engagements.get(&id)
    }
    pub fn kind(&self, name: &str) -> Option<&TieKind> {
        self.kinds
            .iter()
            .find(|k| k.name.eq_ignore_ascii_case(name))
    }
    pub fn person_by_key(&self, key: &str) -> Option<&Person> {
        self.key_index.find(&self.people, key, key_text).next()
    }
    /// The people with exactly this name, in id order.
    pub fn people_named(&self, name: &str) -> Vec<PersonId> {
        let mut ids: Vec<PersonId> = self
            .name_index
            .find(&self.people, name, name_text)
            .map(|p| p.id)
            .collect();
        ids.sort();
        ids
    }
    pub fn department_by_name(&self, name: &str) -> Option<&Department> {
        self.departments
            .values()
            .find(|d| d.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Finds a person as a user names them: by key, else by exact name, else by a name that
    /// differs only in case. An ambiguous name is an error listing the candidates.
    pub fn find_person(&self, reference: &str) -> Result<&Person, String> {
        let r = reference.trim();
        if let Some(p) = self.person_by_key(r) {
            return Ok(p);
        }
        let exact: Vec<&Person> = self
            .people_named(r)
            .into_iter()
            .filter_map(|id| self.people.get(&id))
            .collect();
        let found = if exact.is_empty() {
            self.people
                .values()
                .filter(|p| p.name.eq_ignore_ascii_case(r))
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("no person with id or name {r:?} in this map")),
            many => Err(format!(
                "{r:?} names {} people ({}); use an id",
                many.len(),
                many.iter()
                    .map(|p| p.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// A tie from `from` to `to`, if any: the first by id when the pair is linked in several
    /// ways (see [`Map::ties_between`]).
    pub fn tie_between(&self, from: PersonId, to: PersonId) -> Option<&Tie> {
        self.ties_between(from, to).into_iter().next()
    }

    /// Every tie from `from` to `to`, by id: a pair holds at most one tie of each kind.
    pub fn ties_between(&self, from: PersonId, to: PersonId) -> Vec<&Tie> {
        let (Some(a), Some(b)) = (
            self.node_index.get(&Node::Person(from)),
            self.node_index.get(&Node::Person(to)),
        ) else {
            return vec![];
        };
        let mut ties: Vec<&Tie> = self
            .graph
            .edges_connecting(*a, *b)
            .filter_map(|e| match e.weight() {
                Link::Tie(t) => self.ties.get(t),
                _ => None,
            })
            .collect();
        ties.sort_by_key(|t| t.id);
        ties
    }

    /// The tie of this kind (any letter case) from `from` to `to`, if any.
    pub fn tie_of_kind(&self, from: PersonId, to: PersonId, kind: &str) -> Option<&Tie> {
        self.ties_between(from, to)
            .into_iter()
            .find(|t| t.kind.as_str().eq_ignore_ascii_case(kind.trim()))
    }

    /// The kind a new tie from `from` to `to` is offered with: the default kind, or when the
    /// pair holds a tie of it already, the first of the map's kinds they do not hold (a pair
    /// holds one tie of each kind); `None` when they hold every kind.
    pub fn kind_for_new_tie(&self, from: PersonId, to: PersonId) -> Option<String> {
        let held = self.ties_between(from, to);
        let holds = |k: &str| held.iter().any(|t| t.kind.as_str().eq_ignore_ascii_case(k));
        if !holds(super::DEFAULT_KIND) {
            return Some(super::DEFAULT_KIND.to_string());
        }
        self.kinds
            .iter()
            .map(|k| k.name.clone())
            .find(|k| !holds(k))
    }

    /// The ties leaving a person.
    pub fn ties_from(&self, person: PersonId) -> impl Iterator<Item = &Tie> {
        self.linked_ties(person, petgraph::Direction::Outgoing)
    }
    /// The ties arriving at a person.
    pub fn ties_to(&self, person: PersonId) -> impl Iterator<Item = &Tie> {
        self.linked_ties(person, petgraph::Direction::Incoming)
    }
    fn linked_ties(
        &self,
        person: PersonId,
        direction: petgraph::Direction,
    ) -> impl Iterator<Item = &Tie> {
        self.node_index
            .get(&Node::Person(person))
            .into_iter()
            .flat_map(move |n| self.graph.edges_directed(*n, direction))
            .filter_map(|e| match e.weight() {
                Link::Tie(t) => self.ties.get(t),
                _ => None,
            })
    }

    /// Departments from `id` up to the root, `id` first. Stops at a cycle.
    pub fn department_ancestry(&self, id: DepartmentId) -> Vec<DepartmentId> {
        let mut chain = vec![id];
        let mut at = self.departments.get(&id).and_then(|d| d.parent);
        while let Some(p) = at {
            if chain.contains(&p) {
                break;
            }
            chain.push(p);
            at = self.departments.get(&p).and_then(|d| d.parent);
        }
        chain
    }

    /// The department and every department below it.
    pub fn department_subtree(&self, id: DepartmentId) -> Vec<DepartmentId> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            let at = out[i];
            out.extend(
                self.departments
                    .values()
                    .filter(|d| d.parent == Some(at) && !out.contains(&d.id))
                    .map(|d| d.id)
                    .collect::<Vec<_>>(),
            );
            i += 1;
        }
        out
    }

    /// The people a group names, in id order, without repeats.
    pub fn members(&self, group: &Group) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = group
            .people
            .iter()
            .copied()
            .filter(|p| self.people.contains_key(p))
            .collect();
        if let Some(d) = group.department {
            let subtree = self.department_subtree(d);
            out.extend(
                self.people
                    .values()
                    .filter(|p| p.department.is_some_and(|pd| subtree.contains(&pd)))
                    .map(|p| p.id),
            );
        }
        out.sort();
        out.dedup();
        out
    }

    /// The goal's audience: its named people or department, else every decision-maker.
    pub fn audience(&self) -> Vec<PersonId> {
        if self.goal.audience.is_empty() {
            self.people
                .values()
                .filter(|p| p.decision_maker)
                .map(|p| p.id)
                .collect()
        } else {
            self.members(&self.goal.audience)
        }
    }

    /// A person's stance over time: `(date, stance)` from the engagement log, oldest first.
    pub fn stance_history(&self, person: PersonId) -> Vec<(String, Stance)> {
        let mut entries: Vec<&Engagement> = self
            .engagements
            .values()
            .filter(|e| e.person == person && e.stance_after.is_some())
            .collect();
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        entries
            .into_iter()
            .filter_map(|e| e.stance_after.map(|s| (e.date.clone(), s)))
            .collect()
    }

    /// The graph of people and departments.
    pub fn graph(&self) -> &StableDiGraph<Node, Link> {
        &self.graph
    }
    pub fn node_index(&self, node: Node) -> Option<NodeIndex> {
        self.node_index.get(&node).copied()
    }

    // ---- keeping in step with the file ----

    fn ensure_node(&mut self, node: Node) -> NodeIndex {
        if let Some(i) = self.node_index.get(&node) {
            return *i;
        }
        let i = self.graph.add_node(node);
        self.node_index.insert(node, i);
        i
    }

    fn remove_node(&mut self, node: Node) {
        if let Some(i) = self.node_index.remove(&node) {
            let ties: Vec<TieId> = {
                self.graph
                    .edges_directed(i, petgraph::Direction::Outgoing)
                    .chain(self.graph.edges_directed(i, petgraph::Direction::Incoming))
                    .filter_map(|e| match e.weight() {
                        Link::Tie(t) => Some(*t),
                        _ => None,
                    })
                    .collect()
            };
            for t in ties {
                self.tie_index.remove(&t);
            }
            self.graph.remove_node(i);
        }
    }

    fn set_membership(&mut self, from: Node, to: Option<Node>, link: Link) {
        let a = self.ensure_node(from);
        let old: Vec<EdgeIndex> = {
            use petgraph::visit::EdgeRef;
            self.graph
                .edges_directed(a, petgraph::Direction::Outgoing)
                .filter(|e| *e.weight() == link)
                .map(|e| e.id())
                .collect()
        };
        for e in old {
            self.graph.remove_edge(e);
        }
        if let Some(to) = to {
            let b = self.ensure_node(to);
            self.graph.add_edge(a, b, link);
        }
    }

    /// Replaces the departments and people at once, as opening a map file does, with their nodes
    /// and memberships; the graph is made at its final size (`ties` is how many ties will
    /// follow), which is much quicker and leaner than putting a large map record by record.
    /// Opening a map does this while another thread still reads the ties, then calls
    /// [`Map::set_ties`] with what this returns.
    pub fn set_people(
        &mut self,
        departments: BTreeMap<DepartmentId, Department>,
        people: BTreeMap<PersonId, Person>,
        ties: usize,
    ) -> PeopleNodes {
        let nodes = departments.len() + people.len();
        let edges = departments.len() + people.len() + ties;
        self.graph = StableDiGraph::with_capacity(nodes, edges);
        self.node_index = IdMap::with_capacity_and_hasher(nodes, Default::default());
        for id in departments.keys() {
            self.ensure_node(Node::Department(*id));
        }
        for d in departments.values() {
            if let Some(parent) = d.parent {
                let (a, b) = (
                    self.ensure_node(Node::Department(d.id)),
                    self.ensure_node(Node::Department(parent)),
                );
                self.graph.add_edge(a, b, Link::Within);
            }
        }
        // Row ids are usually dense, so the ties find their people's nodes by position.
        let dense = people
            .keys()
            .next_back()
            .and_then(|last| usize::try_from(last.0).ok())
            .filter(|last| *last <= 4 * people.len() + 1024)
            .map_or(0, |last| last + 1);
        let mut by_row: Vec<Option<NodeIndex>> = vec![None; dense];
        for p in people.values() {
            let a = self.ensure_node(Node::Person(p.id));
            if let Some(slot) = usize::try_from(p.id.0).ok().and_then(|i| by_row.get_mut(i)) {
                *slot = Some(a);
            }
            if let Some(d) = p.department {
                let b = self.ensure_node(Node::Department(d));
                self.graph.add_edge(a, b, Link::Member);
            }
        }
        self.departments = departments;
        self.people = people;
        PeopleNodes { by_row }
    }

    /// After [`Map::set_people`]: replaces the ties and adds their edges. The people's key and
    /// name indexes are built on a second thread meanwhile, as they need nothing of the ties.
    pub fn set_ties(&mut self, people: &PeopleNodes, ties: BTreeMap<TieId, Tie>) {
        let Map {
            people: records,
            graph,
            node_index,
            tie_index,
            key_index,
            name_index,
            ..
        } = self;
        let index_people = || {
            let mut keys = TextIndex::with_capacity(records.len());
            let mut names = TextIndex::with_capacity(records.len());
            for p in records.values() {
                keys.insert(records, p, key_text);
                names.insert(records, p, name_text);
            }
            (keys, names)
        };
        let mut add_ties = || {
            let mut index: IdMap<TieId, EdgeIndex> =
                IdMap::with_capacity_and_hasher(ties.len(), Default::default());
            for t in ties.values() {
                let a = people.node(graph, node_index, t.from);
                let b = people.node(graph, node_index, t.to);
                index.insert(t.id, graph.add_edge(a, b, Link::Tie(t.id)));
            }
            index
        };
        let ((keys, names), index) = if records.len() + ties.len() > 20_000 {
            std::thread::scope(|scope| {
                let indexing = scope.spawn(index_people);
                let index = add_ties();
                match indexing.join() {
                    Ok(done) => (done, index),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        } else {
            let done = index_people();
            (done, add_ties())
        };
        *key_index = keys;
        *name_index = names;
        *tie_index = index;
        self.ties = ties;
    }
    /// Replaces the departments and people of a map read for an analysis that runs on a
    /// snapshot of the network (see `MapFile::read_network`): the records and the key and
    /// name indexes, but no graph (no nodes, memberships or ties). Ranking 100 000 people needs
    /// their stances and departments, not a graph over them.
    pub(crate) fn set_people_without_graph(
        &mut self,
        departments: BTreeMap<DepartmentId, Department>,
        people: BTreeMap<PersonId, Person>,
    ) {
        let mut keys = TextIndex::with_capacity(people.len());
        let mut names = TextIndex::with_capacity(people.len());
        for p in people.values() {
            keys.insert(&people, p, key_text);
            names.insert(&people, p, name_text);
        }
        self.key_index = keys;
        self.name_index = names;
        self.departments = departments;
        self.people = people;
    }

    /// Replaces the engagement log.
    pub fn set_engagements(&mut self, engagements: BTreeMap<EngagementId, Engagement>) {
        self.engagements = engagements;
    }

    /// Adds or replaces a person.
    pub fn put_person(&mut self, person: Person) {
        if let Some(old) = self.people.get(&person.id) {
            if old.key != person.key {
                self.key_index.remove(&old.key, person.id);
            }
            if old.name != person.name {
                self.name_index.remove(&old.name, person.id);
            }
        }
        self.key_index.insert(&self.people, &person, key_text);
        self.name_index.insert(&self.people, &person, name_text);
        let node = Node::Person(person.id);
        self.ensure_node(node);
        self.set_membership(node, person.department.map(Node::Department), Link::Member);
        self.people.insert(person.id, person);
    }

    /// Removes a person and every tie and log entry of theirs.
    pub fn remove_person(&mut self, id: PersonId) {
        if let Some(p) = self.people.remove(&id) {
            self.key_index.remove(&p.key, id);
            self.name_index.remove(&p.name, id);
        }
        self.ties.retain(|_, t| t.from != id && t.to != id);
        self.engagements.retain(|_, e| e.person != id);
        self.campaign.forget_person(id);
        self.home.people.retain(|p| *p != id);
        self.goal.audience.people.retain(|p| *p != id);
        self.remove_node(Node::Person(id));
    }

    pub fn put_department(&mut self, department: Department) {
        let node = Node::Department(department.id);
        self.ensure_node(node);
        self.set_membership(node, department.parent.map(Node::Department), Link::Within);
        self.departments.insert(department.id, department);
    }

    /// Removes a department; its people and sub-departments are left without one.
    pub fn remove_department(&mut self, id: DepartmentId) {
        self.departments.remove(&id);
        for p in self.people.values_mut() {
            if p.department == Some(id) {
                p.department = None;
            }
        }
        for d in self.departments.values_mut() {
            if d.parent == Some(id) {
                d.parent = None;
            }
        }
        if self.home.department == Some(id) {
            self.home.department = None;
        }
        if self.goal.audience.department == Some(id) {
            self.goal.audience.department = None;
        }
        self.remove_node(Node::Department(id));
    }

    /// Adds or replaces a tie. Both people must already be on the map.
    pub fn put_tie(&mut self, tie: Tie) {
        if let Some(e) = self.tie_index.remove(&tie.id) {
            self.graph.remove_edge(e);
        }
        let a = self.ensure_node(Node::Person(tie.from));
        let b = self.ensure_node(Node::Person(tie.to));
        let e = self.graph.add_edge(a, b, Link::Tie(tie.id));
        self.tie_index.insert(tie.id, e);
        self.ties.insert(tie.id, tie);
    }

    pub fn remove_tie(&mut self, id: TieId) {
        self.ties.remove(&id);
        if let Some(e) = self.tie_index.remove(&id) {
            self.graph.remove_edge(e);
        }
    }

    pub fn put_engagement(&mut self, engagement: Engagement) {
        self.engagements.insert(engagement.id, engagement);
    }

    pub fn remove_engagement(&mut self, id: EngagementId) {
        self.engagements.remove(&id);
    }

    /// Counts for a summary: people, departments, ties.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.people.len(), self.departments.len(), self.ties.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> Person {
        Person {
            id: PersonId(id),
            key: name.to_string(),
            name: name.to_string(),
            title: String::new(),
            department: None,
            stance: Stance::Neutral,
            power: 3,
            interest: 3,
            decision_maker: false,
            tags: vec![],
            notes: String::new(),
            attributes: BTreeMap::new(),
            position: None,
        }
    }

    #[test]
    fn stance_reads_names_numbers_and_both_spellings() {
        assert_eq!(Stance::parse("Skeptic"), Ok(Stance::Sceptic));
        assert_eq!(Stance::parse(" sceptic "), Ok(Stance::Sceptic));
        assert_eq!(Stance::parse("-2"), Ok(Stance::Blocker));
        assert_eq!(Stance::parse("+2"), Ok(Stance::Champion));
        assert!(Stance::parse("3").is_err());
        assert!(Stance::parse("fan").unwrap_err().contains("\"fan\""));
    }

    #[test]
    fn removing_a_person_removes_their_ties_from_the_graph() {
        let mut m = Map::new("t");
        m.put_person(person(1, "Ann"));
        m.put_person(person(2, "Bob"));
        m.put_tie(Tie {
            id: TieId(7),
            from: PersonId(1),
            to: PersonId(2),
            kind: "peer".into(),
            strength: 0.3,
            notes: String::new(),
        });
        assert_eq!(
            m.tie_between(PersonId(1), PersonId(2)).map(|t| t.id),
            Some(TieId(7))
        );
        assert_eq!(m.ties_to(PersonId(2)).count(), 1);
        m.remove_person(PersonId(1));
        assert_eq!(m.ties().count(), 0);
        assert_eq!(m.ties_to(PersonId(2)).count(), 0);
        assert_eq!(m.graph().edge_count(), 0);
    }

    #[test]
    fn department_audience_includes_sub_departments() {
        let mut m = Map::new("t");
        for (id, parent) in [(1, None), (2, Some(1)), (3, None)] {
            m.put_department(Department {
                id: DepartmentId(id),
                name: format!("d{id}"),
                parent: parent.map(DepartmentId),
                colour: None,
                function: crate::model::Function::Other,
                position: None,
            });
        }
        for (id, d) in [(1, 1), (2, 2), (3, 3)] {
            let mut p = person(id, &format!("p{id}"));
            p.department = Some(DepartmentId(d));
            m.put_person(p);
        }
        m.goal.audience.department = Some(DepartmentId(1));
        assert_eq!(m.audience(), vec![PersonId(1), PersonId(2)]);
    }

    #[test]
    fn find_person_by_key_name_or_case_and_reports_ambiguity() {
        let mut m = Map::new("t");
        let mut a = person(1, "Ann Lee");
        a.key = "e1".into();
        let mut b = person(2, "Ann Lee");
        b.key = "e2".into();
        m.put_person(a);
        m.put_person(b);
        m.put_person(person(3, "Bob"));
        assert_eq!(m.find_person("e2").map(|p| p.id), Ok(PersonId(2)));
        assert_eq!(m.find_person("bob").map(|p| p.id), Ok(PersonId(3)));
        assert!(m.find_person("Ann Lee").unwrap_err().contains("e1, e2"));
        assert!(m.find_person("Zed").is_err());
    }

    #[test]
    fn the_key_and_name_indexes_follow_renames_and_removals() {
        let mut m = Map::new("t");
        for i in 1..=200 {
            let mut p = person(i, if i % 2 == 0 { "Even" } else { "Odd" });
            p.key = format!("k{i}");
            m.put_person(p);
        }
        assert_eq!(m.people_named("Even").len(), 100);
        assert_eq!(m.person_by_key("k7").map(|p| p.id), Some(PersonId(7)));
        let mut renamed = m.person(PersonId(7)).unwrap().clone();
        renamed.name = "Seven".into();
        renamed.key = "seven".into();
        m.put_person(renamed);
        assert_eq!(m.people_named("Seven"), vec![PersonId(7)]);
        assert_eq!(m.people_named("Odd").len(), 99);
        assert!(!m.people_named("Odd").contains(&PersonId(7)));
        assert!(m.person_by_key("k7").is_none());
        assert_eq!(m.person_by_key("seven").map(|p| p.id), Some(PersonId(7)));
        m.remove_person(PersonId(8));
        assert_eq!(m.people_named("Even").len(), 99);
        assert!(m.person_by_key("k8").is_none());
        // Putting a person again unchanged does not index them twice.
        let same = m.person(PersonId(2)).unwrap().clone();
        m.put_person(same);
        assert_eq!(m.people_named("Even").len(), 99);
    }
}
