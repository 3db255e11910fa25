//! Long lists (the store directory, branch search, a store's products) are read a page at a
//! time: a request names the page, the answer says where the list stands.

use serde::{Deserialize, Serialize};

/// One page of a list, and where the list stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// Which page to show: 1-based, at most 100 a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u32 = 100;

    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(20).clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

impl<T> Page<T> {
    /// How many pages the list has (at least one, even when empty).
    pub fn pages(&self) -> u32 {
        u32::try_from(self.total.div_ceil(u64::from(self.per_page.max(1))))
            .unwrap_or(u32::MAX)
            .max(1)
    }

    /// The page of `rows` read from storage (at most `request.per_page` of the `total`), each
    /// turned into an item.
    pub fn from_rows<R>(rows: Vec<R>, total: i64, request: PageRequest) -> Result<Self, T::Error>
    where
        T: TryFrom<R>,
    {
        Ok(Self {
            items: rows
                .into_iter()
                .map(T::try_from)
                .collect::<Result<_, _>>()?,
            page: request.page,
            per_page: request.per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// The same page with each item changed by `f`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }

    /// The page of `items`, all of the list held in memory.
    pub fn of_all(mut all: Vec<T>, request: PageRequest) -> Self {
        let total = all.len() as u64;
        let start = usize::try_from(request.offset())
            .unwrap_or(usize::MAX)
            .min(all.len());
        let end = start
            .saturating_add(request.per_page as usize)
            .min(all.len());
        Self {
            items: all.drain(start..end).collect(),
            page: request.page,
            per_page: request.per_page,
            total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_clamped() {
        assert_eq!(
            PageRequest::new(None, None),
            PageRequest {
                page: 1,
                per_page: 20
            }
        );
        assert_eq!(
            PageRequest::new(Some(0), Some(1000)),
            PageRequest {
                page: 1,
                per_page: 100
            }
        );
        assert_eq!(PageRequest::new(Some(3), Some(10)).offset(), 20);
    }

    #[test]
    fn a_list_in_memory_is_cut_to_its_page() {
        let page = Page::of_all((1..=45).collect(), PageRequest::new(Some(3), Some(20)));
        assert_eq!((page.total, page.pages()), (45, 3));
        assert_eq!(page.items, [41, 42, 43, 44, 45]);
        let beyond = Page::of_all(vec![1, 2], PageRequest::new(Some(9), Some(20)));
        assert!(beyond.items.is_empty());
        assert_eq!(
            Page::<u8>::of_all(Vec::new(), PageRequest::new(None, None)).pages(),
            1
        );
    }
}
