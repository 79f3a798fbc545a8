/** What other modules may use: the FAQ routes and start-up seeding, and the pre-filing search. */
export { faqRoutes } from './faq.routes.ts';
export { faqStartupHook, seedFaq } from './faq.seed.ts';
export { searchSimilar } from './faq.usecases.ts';
