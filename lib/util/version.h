/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SMC_VERSION_H
#define SMC_VERSION_H
#define SMC_UTILS_VERSION "0.1.0"
#endif
