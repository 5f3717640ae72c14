/*
 * Close relatives: languages so alike that the model, sure as it may be,
 * takes one for another on text unlike what it learnt from (Malay read as
 * Indonesian, Bosnian as Croatian, Bokmål as Danish, Xhosa as Zulu, with
 * confidence 0.99 and more). Within such a group the answer is kept, but
 * its lead over the nearest relative among the alternatives must be wider
 * than elsewhere for the answer to be sure: each group has the margin, in
 * log-odds, that brings the confidence to 0.9. Below it the confidence is
 * lowered and the doubt goes to the relative.
 */
#ifndef LANGID_KIN_H
#define LANGID_KIN_H

#include "detect.h"

/* The confidence from which an answer counts as sure. */
#define KIN_SURE 0.9f

/* The group of close relatives of a language code, 1 or more; 0 for none. */
int kin_group(const char *code);

/*
 * The margin, in log-odds (natural), that an answer of group g needs over
 * its nearest relative to reach confidence KIN_SURE; 0 for no group.
 */
float kin_margin(int g);

/*
 * The confidence an answer of group g and probability p keeps when its
 * nearest relative has probability q: p itself when the lead ln(p / q) is
 * at least kin_margin(g), less than KIN_SURE when it is not. The lead
 * counts kin_margin(g) / ln 9 times thinner: at the margin that is ln 9,
 * the log-odds of 0.9.
 */
float kin_confidence(int g, float p, float q);

/*
 * Lowers the confidence of r's answer when one of its alternatives is a
 * close relative and the lead over it is below the group's margin (the
 * first such alternative: the nearest); the probability taken goes to
 * that relative, and the alternatives stay ranked. codes[k] is the code
 * of r->lang[k] on entry (the alternatives may be reordered, codes is
 * not). The answer itself never changes. Returns 1 when the confidence
 * was lowered, else 0.
 */
int kin_doubt(detect_result *r, const char *const *codes);

#endif
